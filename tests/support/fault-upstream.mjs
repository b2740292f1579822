// A stand-in for Coinbase's hosts that fails on request, for the e2e tests of the live
// server (tests/e2e/upstream-faults.spec.ts and friends). Started by playwright.config.ts.
//
//   node tests/support/fault-upstream.mjs <port>
//
// Control (tests only):
//   POST /__fault {"mode": "...", "times"?: n}  how the next upstream requests fail; with
//                                               `times`, only the next n, then `ok`.
//                                               Resets the counters.
//   GET  /__stats                               {mode, hits: {path: count}} since /__fault
//   GET  /__health                              200 once listening
//
// Every other request is an upstream call (POST /onramp/v1/token, POST /oauth2/token, ...),
// counted by path and answered according to the mode.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";

const MODES = new Set([
  "ok",
  "400",
  "401",
  "500",
  "503-retry-after",
  "429",
  "hang",
  "slow-body",
  "malformed",
  "html",
  "reset",
  "close-connection",
]);

const port = Number(process.argv[2] ?? process.env.FAULT_PORT ?? 3199);
let mode = "ok";
let remaining = Infinity;
let hits = {};

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://upstream.invalid");
  if (url.pathname.startsWith("/__")) return control(req, res, url.pathname);
  hits[url.pathname] = (hits[url.pathname] ?? 0) + 1;
  const current = remaining > 0 ? mode : "ok";
  remaining -= 1;
  // Drain the request body first, as a real server would, then fail as asked.
  req.resume();
  req.on("end", () => answer(current, url.pathname, req, res));
});

// Longer than any client keep-alive: the client, not us, decides when a pooled connection
// closes, so no request is ever lost to a race with an idle timeout.
server.keepAliveTimeout = 120_000;
server.listen(port, "127.0.0.1", () => console.log(`fault upstream on http://127.0.0.1:${port}`));
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => process.exit(0));

function control(req, res, path) {
  if (path === "/__health") return send(res, 200, { status: "ok" });
  if (path === "/__stats")
    return send(res, 200, { mode, remaining: Number.isFinite(remaining) ? remaining : null, hits });
  if (path === "/__fault" && req.method === "POST") {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => {
      let body;
      try {
        body = JSON.parse(text);
      } catch {
        return send(res, 400, { error: "body must be JSON" });
      }
      if (!MODES.has(body?.mode))
        return send(res, 400, { error: `unknown mode; one of ${[...MODES].join(", ")}` });
      mode = body.mode;
      remaining = Number.isInteger(body.times) ? body.times : Infinity;
      hits = {};
      console.log(`mode ${mode}${Number.isFinite(remaining) ? ` x${remaining}` : ""}`);
      send(res, 200, { mode });
    });
    return;
  }
  send(res, 404, { error: "unknown control route" });
}

function answer(current, path, req, res) {
  switch (current) {
    case "ok":
      return send(res, 200, okBody(path));
    case "400":
      return send(res, 400, {
        code: 3,
        message: "addresses[0].address is not valid for the network",
        details: [],
      });
    case "401":
      return send(res, 401, { code: 16, message: "unauthenticated", details: [] });
    case "500":
      return send(res, 500, { code: 13, message: "internal error", details: [] });
    case "503-retry-after":
      return send(
        res,
        503,
        { code: 14, message: "unavailable", details: [] },
        { "retry-after": "2" },
      );
    case "429":
      return send(
        res,
        429,
        { code: 8, message: "rate limit exceeded", details: [] },
        { "retry-after": "7" },
      );
    case "hang":
      return; // never answer; the client gives up and closes the socket
    case "slow-body":
      res.writeHead(200, { "content-type": "application/json", "content-length": "64" });
      res.write('{"token":"t-');
      return; // and stall
    case "malformed":
      res.writeHead(200, { "content-type": "application/json" });
      return res.end("{not json");
    case "html":
      res.writeHead(502, { "content-type": "text/html" });
      return res.end(
        "<!doctype html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>",
      );
    case "reset":
      res.writeHead(200, { "content-type": "application/json", "content-length": "64" });
      res.write('{"token":"t-');
      // Let the headers and the partial body reach the client, then cut the connection.
      return setTimeout(() => req.socket.destroy(), 20);
    case "close-connection":
      return req.socket.destroy();
  }
}

/** A success in the shape each Coinbase endpoint answers with. */
function okBody(path) {
  if (path === "/oauth2/token") {
    return {
      access_token: `at-${random()}`,
      token_type: "bearer",
      expires_in: 3600,
      refresh_token: `rt-${random()}`,
      scope: "wallet:user:read",
    };
  }
  if (path === "/oauth2/revoke") return {};
  const money = (value, currency) => ({ value, currency });
  if (path === "/onramp/v1/buy/quote") {
    return {
      quote_id: `q-${random()}`,
      payment_total: money("25.00", "USD"),
      payment_subtotal: money("23.76", "USD"),
      purchase_amount: money("23.76", "USDC"),
      coinbase_fee: money("1.24", "USD"),
      network_fee: money("0.00", "USD"),
    };
  }
  if (path === "/onramp/v1/sell/quote") {
    return {
      quote_id: `q-${random()}`,
      sell_amount: money("10", "USDC"),
      cashout_total: money("9.85", "USD"),
      cashout_subtotal: money("10.00", "USD"),
      coinbase_fee: money("0.15", "USD"),
    };
  }
  return { token: `t-${random()}`, channelId: "" };
}

function random() {
  return randomBytes(12).toString("base64url");
}

function send(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
