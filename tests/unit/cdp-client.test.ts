import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import { cdpRequest } from "../../lib/cdp/client";
import { generateSandboxKey, type CdpSigningKey } from "../../lib/cdp/api-key";
import { AppError } from "../../lib/http/app-error";
import { errorResponse } from "../../lib/http/error-response";
import { MAX_RESPONSE_BYTES } from "../../lib/http/upstream-fetch";

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

// The deadline of the tests that wait it out; every other call gets one it cannot reach, so
// that a busy machine (test files run side by side) never turns an answer into a timeout.
const TIMEOUT_MS = 300;
const ANSWERED_DEADLINE_MS = 10_000;
const received = new Map<string, Received>();
let hugeAnswers = 0;
// Every Authorization header "/unavailable-once" saw, in order.
const flakyAuthorizations: string[] = [];
let server: Server;
let baseUrl: string;
let port: number;
let key: CdpSigningKey;

// Warnings and errors go to stderr as JSON lines (lib/log/logger.ts).
const originalStderrWrite = process.stderr.write;
const logged: string[] = [];

function json(
  res: import("node:http").ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

before(async () => {
  process.stderr.write = ((line: string) => logged.push(line) > 0) as typeof process.stderr.write;
  key = generateSandboxKey();
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "";
      received.set(path, {
        method: req.method ?? "",
        url: path,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      switch (path) {
        case "/ok":
          return json(res, 200, { token: "t", channelId: "c" });
        case "/ok-snake":
          return json(res, 200, { token: "t", channel_id: "c2" });
        case "/bad-request":
          return json(res, 400, { code: 3, message: "addresses[0] invalid", details: [] });
        case "/bad-request-no-message":
          return json(res, 400, { code: 3, details: [] });
        case "/unauthorized":
          return json(res, 401, { code: 16, message: "Unauthenticated" });
        case "/forbidden":
          return json(res, 403, { code: 7, message: "Forbidden" });
        case "/busy":
          return json(res, 429, { code: 8, message: "slow down" }, { "retry-after": "7" });
        case "/busy-default":
          return json(res, 429, { code: 8, message: "slow down" });
        case "/server-error":
          return json(res, 500, { code: 13, message: "internal" });
        case "/unavailable":
          return json(res, 503, { code: 14, message: "unavailable" });
        case "/unavailable-once":
          flakyAuthorizations.push(req.headers.authorization ?? "");
          return flakyAuthorizations.length === 1
            ? json(res, 503, { code: 14, message: "unavailable" })
            : json(res, 200, { token: "t", channelId: "c" });
        case "/garbage":
          res.writeHead(200, { "content-type": "application/json" });
          return res.end("{not json at all");
        case "/html":
          res.writeHead(200, { "content-type": "text/html" });
          return res.end("<!doctype html><html><body>Gateway says hi</body></html>");
        case "/chunked": {
          // No Content-Length, three writes, and a multi-byte character split between two.
          res.writeHead(200, { "content-type": "application/json" });
          const whole = Buffer.from('{"token":"t","channelId":"caf\u00e9"}');
          const cut = whole.indexOf(0xc3) + 1;
          res.write(whole.subarray(0, 5));
          setTimeout(() => res.write(whole.subarray(5, cut)), 5);
          setTimeout(() => res.end(whole.subarray(cut)), 10);
          return;
        }
        case "/with-query?side=buy&n=2":
          return json(res, 200, { token: "q", channelId: "" });
        case "/huge":
          // A JSON document just past the limit, sent without a length.
          hugeAnswers++;
          res.writeHead(200, { "content-type": "application/json" });
          return res.end(`{"token":"${"x".repeat(MAX_RESPONSE_BYTES)}"}`);
        case "/hang":
          return; // never answers
        case "/stall":
          // Headers and the start of a body, then nothing.
          res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
          res.write('{"token":');
          return;
        default:
          return json(res, 404, { message: "no such path" });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;
});

after(async () => {
  process.stderr.write = originalStderrWrite;
  // Hanging and stalled requests hold sockets open: destroy them so the process exits.
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const BODY = {
  addresses: [{ address: "0x52908400098527886E0F7030069857D2E4169EE7", blockchains: ["base"] }],
  assets: ["USDC"],
};

function call(path: string, body: unknown = BODY, timeoutMs = ANSWERED_DEADLINE_MS) {
  return cdpRequest({ baseUrl, key, timeoutMs }, "POST", path, body);
}

/** Runs the call and returns the AppError it throws (failing if it throws anything else). */
async function appErrorFrom(path: string, timeoutMs = ANSWERED_DEADLINE_MS): Promise<AppError> {
  let thrown: unknown;
  try {
    await call(path, BODY, timeoutMs);
  } catch (error) {
    thrown = error;
  }
  assert.ok(thrown instanceof AppError, `expected an AppError from ${path}, got ${String(thrown)}`);
  return thrown;
}

describe("cdpRequest: success", () => {
  test("returns the parsed JSON body", async () => {
    assert.deepEqual(await call("/ok"), { token: "t", channelId: "c" });
  });

  test("returns a snake_case body unchanged", async () => {
    assert.deepEqual(await call("/ok-snake"), { token: "t", channel_id: "c2" });
  });

  test("sends a Bearer JWT for this method, host:port and path, plus the JSON body", async () => {
    await call("/ok");
    const got = received.get("/ok");
    assert.ok(got);
    assert.equal(got.method, "POST");
    assert.equal(got.headers["content-type"], "application/json");
    assert.deepEqual(JSON.parse(got.body), BODY);

    const auth = got.headers.authorization ?? "";
    const match = /^Bearer (\S+)$/.exec(auth);
    assert.ok(match, `authorization header was ${auth}`);
    const jwt = match[1]!;
    const claims = decodeJwt(jwt);
    assert.deepEqual(claims.uris, [`POST 127.0.0.1:${port}/ok`]);
    assert.equal(claims.sub, key.keyId);
    // And it is signed by the key we passed.
    const verified = await jwtVerify(jwt, key.publicKey, { issuer: "cdp" });
    assert.deepEqual(verified.payload.uris, [`POST 127.0.0.1:${port}/ok`]);
  });

  test("a body sent in pieces, without a length, is read whole", async () => {
    assert.deepEqual(await call("/chunked"), { token: "t", channelId: "café" });
  });

  test("the query string reaches the server", async () => {
    assert.deepEqual(await call("/with-query?side=buy&n=2"), { token: "q", channelId: "" });
  });

  test("each request gets a fresh JWT", async () => {
    await call("/ok");
    const first = received.get("/ok")!.headers.authorization;
    await call("/ok");
    const second = received.get("/ok")!.headers.authorization;
    assert.notEqual(first, second);
  });

  test("a retry after a 503 carries a JWT of its own, with a new nonce", async () => {
    const options = { baseUrl, key, timeoutMs: 3000 };
    assert.deepEqual(await cdpRequest(options, "POST", "/unavailable-once", BODY), {
      token: "t",
      channelId: "c",
    });
    assert.equal(flakyAuthorizations.length, 2);
    const [first, second] = flakyAuthorizations.map((h) => h.replace(/^Bearer /, ""));
    const nonces = [first!, second!].map((jwt) => decodeProtectedHeader(jwt).nonce);
    assert.match(String(nonces[0]), /^[0-9a-f]{32}$/);
    assert.notEqual(nonces[0], nonces[1]);
    // Both are valid JWTs for this request, signed by our key.
    for (const jwt of [first!, second!]) {
      const { payload } = await jwtVerify(jwt, key.publicKey, { issuer: "cdp" });
      assert.deepEqual(payload.uris, [`POST 127.0.0.1:${port}/unavailable-once`]);
    }
  });
});

describe("cdpRequest: upstream status mapping", () => {
  test("400 → upstream_rejected/400 with Coinbase's message", async () => {
    const e = await appErrorFrom("/bad-request");
    assert.equal(e.code, "upstream_rejected");
    assert.equal(e.status, 400);
    assert.match(e.message, /addresses\[0\] invalid/);
  });

  test("400 without a message → upstream_rejected with a placeholder reason", async () => {
    const e = await appErrorFrom("/bad-request-no-message");
    assert.equal(e.code, "upstream_rejected");
    assert.equal(e.status, 400);
    assert.match(e.message, /no reason given/);
  });

  for (const path of ["/unauthorized", "/forbidden"]) {
    test(`${path} → upstream_auth/502; the log, not the answer, names the key variables`, async (t) => {
      const written: string[] = [];
      t.mock.method(process.stderr, "write", (chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      });
      const e = await appErrorFrom(path);
      t.mock.restoreAll();
      assert.equal(e.code, "upstream_auth");
      assert.equal(e.status, 502);
      assert.match(e.message, /did not accept this app's credentials/);
      assert.doesNotMatch(e.message, /CDP_API_KEY/);
      // Coinbase's own wording is not passed on for auth failures.
      assert.doesNotMatch(e.message, /Unauthenticated|Forbidden/);
      const logged = written.find((line) => line.includes('"event":"cdp_error"'));
      assert.match(logged ?? "", /check CDP_API_KEY_ID and CDP_API_KEY_SECRET/);
    });
  }

  test("a failed call to a user's transactions logs the path without the user reference (it may be an email)", async () => {
    const from = logged.length;
    await appErrorFrom("/onramp/v1/buy/user/alice%40example.com/transactions?page_size=10");
    const line = logged.slice(from).find((l) => l.includes('"event":"cdp_error"'));
    assert.match(line ?? "", /"path":"\/onramp\/v1\/buy\/user\/:ref\/transactions"/);
    assert.doesNotMatch(logged.slice(from).join(""), /alice/);
  });

  test("429 with Retry-After: 7 → upstream_busy/503 retrying after 7 s", async () => {
    const e = await appErrorFrom("/busy");
    assert.equal(e.code, "upstream_busy");
    assert.equal(e.status, 503);
    assert.equal(e.options.retryAfterSeconds, 7);
  });

  test("429 without Retry-After → upstream_busy/503 with the default of 5 s", async () => {
    const e = await appErrorFrom("/busy-default");
    assert.equal(e.code, "upstream_busy");
    assert.equal(e.status, 503);
    assert.equal(e.options.retryAfterSeconds, 5);
  });

  for (const path of ["/server-error", "/unavailable", "/garbage", "/html"]) {
    test(`${path} → upstream_error/502`, async () => {
      const e = await appErrorFrom(path);
      assert.equal(e.code, "upstream_error");
      assert.equal(e.status, 502);
      assert.equal(e.options.retryAfterSeconds, undefined);
      // It reached the server, which may have acted on it.
      assert.notEqual(e.options.neverSent, true);
    });
  }

  test("upstream 5xx messages are not passed on", async () => {
    const e = await appErrorFrom("/server-error");
    assert.doesNotMatch(e.message, /internal/);
  });
});

describe("cdpRequest: transport failures", () => {
  test("a server that never answers → upstream_timeout/504 after about timeoutMs", async () => {
    const started = Date.now();
    const e = await appErrorFrom("/hang", TIMEOUT_MS);
    const elapsed = Date.now() - started;
    assert.equal(e.code, "upstream_timeout");
    assert.equal(e.status, 504);
    assert.ok(elapsed >= TIMEOUT_MS - 50, `gave up after ${elapsed} ms`);
    assert.ok(elapsed < 5000, `took ${elapsed} ms`);
  });

  test("headers then a stalled body → upstream_timeout/504", async () => {
    const e = await appErrorFrom("/stall", TIMEOUT_MS);
    assert.equal(e.code, "upstream_timeout");
    assert.equal(e.status, 504);
  });

  test("a refused connection → upstream_error/502, known never to have reached the server", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    let thrown: unknown;
    try {
      await cdpRequest(
        { baseUrl: `http://127.0.0.1:${closedPort}`, key, timeoutMs: ANSWERED_DEADLINE_MS },
        "POST",
        "/ok",
        BODY,
      );
    } catch (error) {
      thrown = error;
    }
    assert.ok(thrown instanceof AppError);
    assert.equal(thrown.code, "upstream_error");
    assert.equal(thrown.status, 502);
    // Nothing was done there: a guest order says that none was placed (lib/guest/order-failure.ts).
    assert.equal(thrown.options.neverSent, true);
  });

  test("a body past MAX_RESPONSE_BYTES → upstream_error/502, refused once and not retried", async () => {
    // A deadline it cannot reach (the default here): only the size can refuse it.
    const e = await appErrorFrom("/huge");
    assert.equal(e.code, "upstream_error");
    assert.equal(e.status, 502);
    assert.notEqual(e.options.neverSent, true);
    assert.equal(hugeAnswers, 1);
    assert.ok(logged.some((line) => line.includes('"reason":"too-large"')));
  });

  test("log lines never carry the JWT", () => {
    assert.ok(logged.length > 0, "the failures above should have been logged");
    for (const line of logged) assert.doesNotMatch(line, /Bearer|eyJ/);
  });
});

describe("errorResponse", () => {
  test("an AppError with retryAfterSeconds → its status, Retry-After and the JSON envelope", async () => {
    const response = errorResponse(
      new AppError("upstream_busy", "Coinbase is rate limiting requests", {
        retryAfterSeconds: 7,
      }),
    );
    assert.equal(response.status, 503);
    assert.equal(response.headers.get("retry-after"), "7");
    assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
    assert.deepEqual(await response.json(), {
      error: { code: "upstream_busy", message: "Coinbase is rate limiting requests" },
    });
  });

  test("an AppError without retryAfterSeconds has no Retry-After; issues are included", async () => {
    const issues = [{ path: "address", message: "Not an EVM address" }];
    const response = errorResponse(
      new AppError("invalid_request", "Some fields are invalid", { issues }),
    );
    assert.equal(response.status, 400);
    assert.equal(response.headers.get("retry-after"), null);
    assert.deepEqual(await response.json(), {
      error: { code: "invalid_request", message: "Some fields are invalid", issues },
    });
  });

  test("a plain Error → 500 internal_error without its message", async () => {
    const response = errorResponse(new Error("secret stuff"));
    assert.equal(response.status, 500);
    const text = await response.text();
    assert.ok(!text.includes("secret stuff"), text);
    const body = JSON.parse(text) as { error: { code: string; message: string } };
    assert.equal(body.error.code, "internal_error");
    assert.equal(typeof body.error.message, "string");
    assert.ok(body.error.message.length > 0);
  });

  test("a thrown non-Error value → 500 internal_error", async () => {
    const response = errorResponse("boom");
    assert.equal(response.status, 500);
    const body = (await response.json()) as { error: { code: string } };
    assert.equal(body.error.code, "internal_error");
  });
});
