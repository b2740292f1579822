import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { postJson } from "../../components/shared/post-json";

// A real server on loopback answering each path its own way, as our routes might.
let server: Server;
let base = "";
const received: unknown[] = [];

before(async () => {
  server = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => {
      received.push({ type: req.headers["content-type"], body: JSON.parse(text) });
      const send = (status: number, body: string, type = "application/json") => {
        res.writeHead(status, { "content-type": type });
        res.end(body);
      };
      if (req.url === "/ok") return send(200, JSON.stringify({ url: "https://pay.example/x" }));
      if (req.url === "/invalid")
        return send(
          400,
          JSON.stringify({
            error: {
              code: "invalid_request",
              message: "Some fields are missing or invalid",
              issues: [{ path: "address", message: "Enter a wallet address" }],
            },
          }),
        );
      if (req.url === "/proxy-page") return send(502, "<html>Bad Gateway</html>", "text/html");
      if (req.url === "/paced") {
        res.writeHead(429, { "content-type": "application/json", "retry-after": "42" });
        return res.end(
          JSON.stringify({ error: { code: "rate_limited", message: "Wait a little" } }),
        );
      }
      if (req.url === "/wrong-shape") return send(200, JSON.stringify({ something: "else" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => server.close());

describe("postJson", () => {
  test("sends the body as JSON and returns a good answer as data", async () => {
    const result = await postJson<{ url: string }>(`${base}/ok`, { a: 1 }, "url");
    assert.deepEqual(result, { ok: true, data: { url: "https://pay.example/x" } });
    assert.deepEqual(received.at(-1), { type: "application/json", body: { a: 1 } });
  });

  test("an error envelope comes back as its message and field issues", async () => {
    const result = await postJson<{ url: string }>(`${base}/invalid`, {}, "url");
    assert.deepEqual(result, {
      ok: false,
      status: 400,
      message: "Some fields are missing or invalid",
      issues: [{ path: "address", message: "Enter a wallet address" }],
    });
  });

  test("an answer that is not ours (a proxy's HTML page) names the status", async () => {
    const result = await postJson<{ url: string }>(`${base}/proxy-page`, {}, "url");
    assert.deepEqual(result, {
      ok: false,
      status: 502,
      message: "Our server could not answer just now (error 502). Please try again.",
      issues: [],
    });
  });

  test("a 429 carries its Retry-After, so the form can count down to it", async () => {
    const result = await postJson<{ sent: boolean }>(`${base}/paced`, {}, "sent");
    assert.deepEqual(result, {
      ok: false,
      status: 429,
      message: "Wait a little",
      issues: [],
      retryAfterSeconds: 42,
    });
  });

  test("a 200 without the expected field is not taken as a success", async () => {
    const result = await postJson<{ url: string }>(`${base}/wrong-shape`, {}, "url");
    assert.equal(result.ok, false);
  });

  test("an unreachable server is said so, never thrown", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await postJson<{ url: string }>(`http://127.0.0.1:${port}/ok`, {}, "url");
    assert.deepEqual(result, {
      ok: false,
      status: 0,
      message: "Could not reach the server. Check your connection and try again.",
      issues: [],
    });
  });
});
