// A stand-in for every Coinbase host of the live server, failing on request, for the e2e
// tests (tests/e2e/upstream-faults.spec.ts, error-contract-production-order.spec.ts and
// friends). Started by playwright.config.ts:
//
//   node tests/support/fault-upstream.mjs <port> <control-file>
//
// Coinbase's endpoints are served on 127.0.0.1:<port> (and GET /__health, for readiness).
// The control API listens on a port of its own, picked by the system and written to
// <control-file> as {"url": "http://127.0.0.1:<n>"}, so it stays reachable while <port>
// refuses connections ("refused"):
//   POST /__fault {"mode": "...", "times"?: n,  how the next upstream requests fail; with
//                  "only"?: "<regex>",          `times`, only the next n, then `ok`; with
//                  "errorType"?: "..."}         `only`, only those whose path matches (the
//                                               others, and the count, untouched); with
//                                               `errorType`, the v2 platform APIs' error
//                                               bodies carry that type. Resets the counters.
//   GET  /__stats                               {mode, remaining, hits: {path: count}}
//
// Every request to <port> but /__health is an upstream call, counted by path and answered
// according to the mode (answers: fault-upstream-answers.mjs).
import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { errorBody, okAnswer } from "./fault-upstream-answers.mjs";

const MODES = new Set([
  "ok",
  "400",
  "401",
  "403",
  "429",
  "500",
  "503-retry-after",
  "hang",
  "slow-body",
  "malformed",
  "html",
  "empty",
  "no-content",
  "reset",
  "close-connection",
  "refused",
]);

const HOST = "127.0.0.1";
const port = Number(process.argv[2] ?? process.env.FAULT_PORT ?? 3199);
const controlFile = process.argv[3] ?? path.join(tmpdir(), `fault-upstream-${port}.json`);
let mode = "ok";
let remaining = Infinity;
let only = null;
let errorType;
let hits = {};

const upstream = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://upstream.invalid");
  if (url.pathname === "/__health") return send(res, 200, { status: "ok" });
  hits[url.pathname] = (hits[url.pathname] ?? 0) + 1;
  const meets = !only || only.test(url.pathname);
  const current = meets && remaining > 0 ? mode : "ok";
  if (meets) remaining -= 1;
  // Read the request body first, as a real server would, then answer as asked.
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => answer(current, req, res, url, body));
});
// Longer than any client keep-alive: the client, not us, decides when a pooled connection
// closes, so no request is ever lost to a race with an idle timeout.
upstream.keepAliveTimeout = 120_000;

const control = createServer((req, res) => {
  const { pathname } = new URL(req.url ?? "/", "http://control.invalid");
  if (pathname === "/__stats")
    return send(res, 200, { mode, remaining: Number.isFinite(remaining) ? remaining : null, hits });
  if (pathname !== "/__fault" || req.method !== "POST")
    return send(res, 404, { error: "unknown control route" });
  let text = "";
  req.setEncoding("utf8");
  req.on("data", (chunk) => (text += chunk));
  req.on("end", () => setMode(text).then(([status, body]) => send(res, status, body)));
});

control.listen(0, HOST, () => {
  writeFileSync(
    controlFile,
    `${JSON.stringify({ url: `http://${HOST}:${control.address().port}` })}\n`,
  );
  // Only now does /__health answer: the tests find the control API once the upstream is ready.
  upstream.listen(port, HOST, () =>
    console.log(`fault upstream on http://${HOST}:${port}, control in ${controlFile}`),
  );
});
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => process.exit(0));

async function setMode(text) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    return [400, { error: "body must be JSON" }];
  }
  if (!MODES.has(body?.mode))
    return [400, { error: `unknown mode; one of ${[...MODES].join(", ")}` }];
  if (body.mode === "refused" && body.times !== undefined)
    return [400, { error: "refused takes no `times`: refused connections cannot be counted" }];
  if (body.mode === "refused" && body.only !== undefined)
    return [400, { error: "refused takes no `only`: the whole port is closed" }];
  let pattern = null;
  try {
    if (body.only !== undefined) pattern = new RegExp(String(body.only));
  } catch {
    return [400, { error: "only must be a regular expression" }];
  }
  await listening(body.mode !== "refused");
  mode = body.mode;
  remaining = Number.isInteger(body.times) ? body.times : Infinity;
  only = pattern;
  errorType = typeof body.errorType === "string" ? body.errorType : undefined;
  hits = {};
  console.log(
    `mode ${mode}${Number.isFinite(remaining) ? ` x${remaining}` : ""}${only ? ` on ${only}` : ""}`,
  );
  return [200, { mode }];
}

/**
 * Opens or closes the upstream port. Closing also ends every open connection, idle ones
 * included: a client's keep-alive pool must not reach a server that is gone.
 */
function listening(on) {
  if (on === upstream.listening) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (on) {
      upstream.once("error", reject);
      upstream.listen(port, HOST, () => {
        upstream.off("error", reject);
        resolve();
      });
    } else {
      upstream.close(() => resolve());
      upstream.closeAllConnections();
    }
  });
}

function answer(current, req, res, url, body) {
  const fail = (status, headers) =>
    send(res, status, errorBody(url.pathname, status, undefined, errorType), headers);
  switch (current) {
    case "ok": {
      const ok = okAnswer(req.method, url, body);
      return send(res, ok.status, ok.body, ok.headers);
    }
    case "400":
    case "401":
    case "403":
    case "500":
      return fail(Number(current));
    case "503-retry-after":
      return fail(503, { "retry-after": "2" });
    case "429":
      return fail(429, { "retry-after": "7" });
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
    case "empty":
      res.writeHead(200, { "content-type": "application/json", "content-length": "0" });
      return res.end();
    case "no-content":
      res.writeHead(204);
      return res.end();
    case "reset":
      res.writeHead(200, { "content-type": "application/json", "content-length": "64" });
      res.write('{"token":"t-');
      // Let the headers and the partial body reach the client, then cut the connection.
      return setTimeout(() => req.socket.destroy(), 20);
    case "close-connection":
      return req.socket.destroy();
  }
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
