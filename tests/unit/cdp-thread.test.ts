import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeJwt, jwtVerify } from "jose";
import { cdpRequestOnThread, stopCdpThread } from "../../lib/cdp/cdp-thread";
import { getCdpSigningKey } from "../../lib/cdp/signing-key";
import { AppError } from "../../lib/http/app-error";
import { withRequestId } from "../../lib/log/logger";

// CDP calls on their worker thread, against a real HTTP server on loopback: what comes
// back must be what cdpRequest gives on the serving thread (tests/unit/cdp-client.test.ts).

let server: Server;
let baseUrl = "";
const authorizations: string[] = [];

// Warnings and errors go to stderr as JSON lines; the thread's reach it through this one.
const originalStderrWrite = process.stderr.write;
const logged: string[] = [];

before(async () => {
  process.stderr.write = ((line: string) =>
    logged.push(String(line)) > 0) as typeof process.stderr.write;
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      authorizations.push(req.headers.authorization ?? "");
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (req.url === "/onramp/v1/token") return send(200, { token: "t-1", channelId: "" });
      if (req.url === "/refused")
        return send(400, { code: 3, message: "addresses[0] is not valid", details: [] });
      // "/hang": never answers
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  process.stderr.write = originalStderrWrite;
  await stopCdpThread();
  server.closeAllConnections();
  server.close();
});

const call = (path: string, timeoutMs = 2_000) =>
  cdpRequestOnThread({ baseUrl, timeoutMs, method: "POST", path, body: { addresses: [] } });

describe("CDP calls on their own thread", () => {
  test("the answer comes back, from a request signed with the app's key", async () => {
    assert.deepEqual(await call("/onramp/v1/token"), { token: "t-1", channelId: "" });
    const jwt = authorizations.at(-1)!.replace(/^Bearer /, "");
    await jwtVerify(jwt, getCdpSigningKey().publicKey);
    assert.deepEqual(decodeJwt(jwt).uris, [`POST ${new URL(baseUrl).host}/onramp/v1/token`]);
  });

  test("a refusal arrives as the same AppError cdpRequest throws", async () => {
    await assert.rejects(call("/refused"), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, "upstream_rejected");
      assert.equal(error.status, 400);
      assert.match(error.message, /addresses\[0\] is not valid/);
      return true;
    });
  });

  test("the thread's log lines carry the id of the request being served", async () => {
    const requestId = "req-thread-0001";
    await assert.rejects(withRequestId(requestId, () => call("/refused")));
    // The thread's output reaches this one a moment later.
    for (let i = 0; i < 50 && !logged.some((l) => l.includes(requestId)); i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const line = logged.map((l) => JSON.parse(l)).find((l) => l.requestId === requestId);
    assert.equal(line?.event, "cdp_error");
  });

  test("a call past its deadline fails as a timeout", async () => {
    await assert.rejects(call("/hang", 300), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, "upstream_timeout");
      return true;
    });
  });

  test("a body that cannot be copied to the thread fails that call, not the process", async () => {
    const uncopyable = { addresses: [], onlyInMemory: () => 1 };
    await assert.rejects(
      cdpRequestOnThread({
        baseUrl,
        timeoutMs: 2_000,
        method: "POST",
        path: "/x",
        body: uncopyable,
      }),
      (error: unknown) => error instanceof AppError && error.code === "upstream_error",
    );
    assert.deepEqual(await call("/onramp/v1/token"), { token: "t-1", channelId: "" });
  });

  test("a thread that stops fails the calls it had as upstream errors; the next call starts another", async () => {
    const waiting = call("/hang", 10_000);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the call is on the thread
    await stopCdpThread();
    await assert.rejects(waiting, (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, "upstream_error");
      assert.equal(error.status, 502);
      return true;
    });
    assert.deepEqual(await call("/onramp/v1/token"), { token: "t-1", channelId: "" });
  });
});
