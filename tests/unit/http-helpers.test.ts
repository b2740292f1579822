import { test, describe, mock } from "node:test";
import assert from "node:assert/strict";
import { z } from "zod";
import { AppError } from "../../lib/http/app-error";
import { MAX_BODY_BYTES, readJsonBody } from "../../lib/http/read-json";
import { BODY_DEADLINE_MS } from "../../lib/http/read-capped";
import { parseConfig } from "../../lib/config/env";
import { isPublicIp, publicClientIp } from "../../lib/http/client-ip";
import { refuseOtherMethods } from "../../lib/http/other-methods";

const URL_ = "http://localhost:3000/api/onramp";
const Schema = z.object({ name: z.string().min(1), count: z.number().int() }).strict();

function jsonRequest(body: string, headers: Record<string, string> = {}) {
  return new Request(URL_, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
}

/** A request whose body streams in chunks, with no Content-Length. */
function streamedRequest(chunks: string[], contentType = "application/json") {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Request(URL_, {
    method: "POST",
    headers: { "content-type": contentType },
    body,
    duplex: "half",
  } as RequestInit & { duplex: "half" });
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  let thrown: unknown;
  try {
    await promise;
  } catch (error) {
    thrown = error;
  }
  assert.ok(thrown instanceof AppError, `expected an AppError, got ${String(thrown)}`);
  return thrown;
}

/** A valid JSON document of exactly `size` bytes that the schema would accept. */
function validJsonOfSize(size: number): string {
  const skeleton = JSON.stringify({ name: "", count: 1 });
  return JSON.stringify({ name: "x".repeat(size - skeleton.length), count: 1 });
}

describe("readJsonBody", () => {
  test("parses and validates a JSON body", async () => {
    assert.deepEqual(await readJsonBody(jsonRequest('{"name":"a","count":2}'), Schema), {
      name: "a",
      count: 2,
    });
  });

  test("accepts application/json; charset=utf-8 and +json types", async () => {
    const a = jsonRequest('{"name":"é","count":1}', {
      "content-type": "application/json; charset=utf-8",
    });
    assert.deepEqual(await readJsonBody(a, Schema), { name: "é", count: 1 });
    const b = jsonRequest('{"name":"a","count":1}', { "content-type": "application/problem+json" });
    assert.deepEqual(await readJsonBody(b, Schema), { name: "a", count: 1 });
  });

  for (const type of [
    "text/plain",
    "application/x-www-form-urlencoded",
    "application/jsonp",
    "multipart/form-data",
    "",
  ]) {
    test(`content type ${JSON.stringify(type)} → 415`, async () => {
      const request = new Request(URL_, {
        method: "POST",
        headers: type ? { "content-type": type } : {},
        body: '{"name":"a","count":1}',
      });
      // Without an explicit header, fetch labels a string body text/plain.
      const e = await rejection(readJsonBody(request, Schema));
      assert.equal(e.status, 415);
      assert.equal(e.code, "unsupported_media_type");
    });
  }

  test("a body of exactly 16 KB is accepted", async () => {
    const body = validJsonOfSize(MAX_BODY_BYTES);
    assert.equal(Buffer.byteLength(body), 16 * 1024);
    const parsed = await readJsonBody(
      jsonRequest(body, { "content-length": String(MAX_BODY_BYTES) }),
      Schema,
    );
    assert.equal(parsed.name.length, body.length - JSON.stringify({ name: "", count: 1 }).length);
  });

  test("a body over 16 KB with a truthful Content-Length → 413", async () => {
    const body = validJsonOfSize(MAX_BODY_BYTES + 1);
    const request = jsonRequest(body, { "content-length": String(Buffer.byteLength(body)) });
    assert.equal(request.headers.get("content-length"), String(MAX_BODY_BYTES + 1));
    const e = await rejection(readJsonBody(request, Schema));
    assert.equal(e.status, 413);
    assert.equal(e.code, "payload_too_large");
  });

  test("a streamed body over 16 KB without Content-Length → 413", async () => {
    const body = validJsonOfSize(MAX_BODY_BYTES + 1);
    const request = streamedRequest([body.slice(0, 10_000), body.slice(10_000)]);
    assert.equal(request.headers.get("content-length"), null);
    const e = await rejection(readJsonBody(request, Schema));
    assert.equal(e.status, 413);
    assert.equal(e.code, "payload_too_large");
  });

  test("a streamed body within the limit without Content-Length is read", async () => {
    const request = streamedRequest(['{"name":', '"streamed",', '"count":3}']);
    assert.deepEqual(await readJsonBody(request, Schema), { name: "streamed", count: 3 });
  });

  test("a client that goes away mid-body gets 400, not an error taken for a database outage", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"name":'));
        // What Node's request stream raises when the socket closes before the body ends.
        controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
      },
    });
    const request = new Request(URL_, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit & { duplex: "half" });
    const e = await rejection(readJsonBody(request, Schema));
    assert.equal(e.status, 400);
    assert.equal(e.code, "invalid_request");
    assert.equal(e.message, "The request body did not arrive in full");
  });

  test("a body that stops arriving is refused with 400 at the deadline, not held for minutes", async () => {
    mock.timers.enable({ apis: ["setTimeout"] });
    try {
      const stalled = new ReadableStream<Uint8Array>({
        start(controller) {
          // Half a body, then nothing: the socket stays open and silent.
          controller.enqueue(new TextEncoder().encode('{"name":'));
        },
      });
      const request = new Request(URL_, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: stalled,
        duplex: "half",
      } as RequestInit & { duplex: "half" });
      let settled = false;
      const refused = rejection(readJsonBody(request, Schema)).finally(() => (settled = true));
      await new Promise((resolve) => setImmediate(resolve));
      mock.timers.tick(BODY_DEADLINE_MS - 1);
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(settled, false, "still waiting just before the deadline");
      mock.timers.tick(1);
      const e = await refused;
      assert.equal(e.status, 400);
      assert.equal(e.code, "invalid_request");
      assert.equal(e.message, "The request body did not arrive in time");
    } finally {
      mock.timers.reset();
    }
  });

  test("a multi-byte UTF-8 body counts bytes, not characters", async () => {
    // 6000 × "€" is 18 000 bytes but only 6000 characters.
    const body = JSON.stringify({ name: "€".repeat(6000), count: 1 });
    const e = await rejection(readJsonBody(streamedRequest([body]), Schema));
    assert.equal(e.status, 413);
  });

  for (const bad of ["{", "not json", "", "{'name':'a'}"]) {
    test(`invalid JSON ${JSON.stringify(bad)} → 400 invalid_request`, async () => {
      const e = await rejection(readJsonBody(jsonRequest(bad), Schema));
      assert.equal(e.status, 400);
      assert.equal(e.code, "invalid_request");
      assert.equal(e.options.issues, undefined);
    });
  }

  test("a body the schema refuses → 400 with field issues", async () => {
    const e = await rejection(
      readJsonBody(jsonRequest('{"name":"","count":1.5,"extra":true}'), Schema),
    );
    assert.equal(e.status, 400);
    assert.equal(e.code, "invalid_request");
    const paths = (e.options.issues ?? []).map((i) => i.path).sort();
    assert.deepEqual(paths, ["(body)", "count", "name"]);
    for (const issue of e.options.issues ?? []) assert.ok(issue.message.length > 0);
  });
});

describe("isPublicIp", () => {
  const notPublic = [
    "10.0.0.1",
    "10.255.255.255",
    "172.16.0.1",
    "172.31.255.254",
    "192.168.1.1",
    "127.0.0.1",
    "127.8.9.10",
    "169.254.169.254",
    "100.64.0.1",
    "100.127.255.254",
    "0.0.0.0",
    "224.0.0.1",
    "::1",
    "::",
    "fc00::1",
    "fd12:3456:789a::1",
    "fe80::1",
    "ff02::1",
    "::ffff:10.0.0.1",
    "::ffff:127.0.0.1",
    "::FFFF:192.168.0.1",
    "",
    "not-an-ip",
    "8.8.8.8:53",
    "unknown",
  ];
  for (const ip of notPublic) {
    test(`${JSON.stringify(ip)} is not public`, () => assert.equal(isPublicIp(ip), false));
  }

  const publicIps = [
    "8.8.8.8",
    "1.1.1.1",
    "172.32.0.1",
    "100.128.0.1",
    "2001:4860:4860::8888",
    "2606:4700:4700::1111",
    "::ffff:8.8.8.8",
  ];
  for (const ip of publicIps) {
    test(`${ip} is public`, () => assert.equal(isPublicIp(ip), true));
  }
});

describe("publicClientIp", () => {
  const headers = (xff: string) => new Headers({ "x-forwarded-for": xff });

  test("ignores X-Forwarded-For unless proxy headers are trusted", () => {
    assert.equal(publicClientIp(headers("8.8.8.8"), false), undefined);
    assert.equal(publicClientIp(headers("8.8.8.8, 1.1.1.1, 10.0.0.2"), false), undefined);
  });

  test("with trust, takes the right-most public hop", () => {
    assert.equal(publicClientIp(headers("8.8.8.8, 1.1.1.1, 10.0.0.2"), true), "1.1.1.1");
    assert.equal(publicClientIp(headers("8.8.8.8"), true), "8.8.8.8");
    assert.equal(
      publicClientIp(headers("9.9.9.9,2001:4860:4860::8888"), true),
      "2001:4860:4860::8888",
    );
  });

  test("behind a CDN, its listed ranges are read past as well: the user, not the edge", () => {
    const cdn = ["173.245.48.0/20", "2400:cb00::/32"];
    // The CDN appended the user's address; our load balancer appended the CDN edge's.
    const xff = headers("6.6.6.6, 203.0.113.9, 173.245.48.7, 10.0.0.2");
    assert.equal(publicClientIp(xff, true), "173.245.48.7", "unlisted, the edge counts");
    assert.equal(publicClientIp(xff, true, cdn), "203.0.113.9");
    assert.equal(publicClientIp(headers("2001:db8::1, 2400:cb00:1::5"), true, cdn), "2001:db8::1");
    assert.equal(publicClientIp(headers("::ffff:173.245.48.9"), true, cdn), undefined);
  });

  test("TRUSTED_PROXY_RANGES takes address ranges only, and names the variable otherwise", () => {
    assert.deepEqual(
      parseConfig({ TRUSTED_PROXY_RANGES: " 173.245.48.0/20, 2400:cb00::/32 " }).trustedProxyRanges,
      ["173.245.48.0/20", "2400:cb00::/32"],
    );
    for (const bad of ["173.245.48.0", "cloudflare", "10.0.0.0/33"])
      assert.throws(() => parseConfig({ TRUSTED_PROXY_RANGES: bad }), /TRUSTED_PROXY_RANGES/);
  });

  test("a hop written with its port (some proxies do) is its address: one client, not one per connection", () => {
    assert.equal(publicClientIp(headers("6.6.6.6, 203.0.113.5:54321"), true), "203.0.113.5");
    assert.equal(
      publicClientIp(headers("[2001:4860:4860::8888]:443"), true),
      "2001:4860:4860::8888",
    );
    assert.equal(publicClientIp(headers("[2001:4860:4860::8888]"), true), "2001:4860:4860::8888");
    // A private hop with a port is still read past.
    assert.equal(publicClientIp(headers("8.8.8.8, 10.0.0.2:8080"), true), "8.8.8.8");
  });

  test("with trust, a forged left-hand entry does not win over the proxy-appended one", () => {
    assert.equal(publicClientIp(headers("6.6.6.6, 9.9.9.9"), true), "9.9.9.9");
  });

  test("with trust, undefined when there are only private hops or no header", () => {
    assert.equal(publicClientIp(headers("10.0.0.1, 192.168.0.2, 127.0.0.1"), true), undefined);
    assert.equal(publicClientIp(headers(""), true), undefined);
    assert.equal(publicClientIp(new Headers(), true), undefined);
    assert.equal(publicClientIp(headers("garbage, ::1"), true), undefined);
  });
});

describe("refuseOtherMethods", () => {
  test("answers each method a route does not take with 405 in the envelope, naming those it does", async () => {
    const handlers = refuseOtherMethods("GET", "POST");
    assert.deepEqual(Object.keys(handlers).sort(), ["DELETE", "OPTIONS", "PATCH", "PUT"]);
    const refused = await handlers.PUT(new Request(URL_, { method: "PUT" }));
    assert.equal(refused.status, 405);
    assert.equal(refused.headers.get("allow"), "GET, HEAD, OPTIONS, POST");
    assert.deepEqual(await refused.json(), {
      error: { code: "method_not_allowed", message: "This route takes GET or POST." },
    });
    const options = await handlers.OPTIONS(new Request(URL_, { method: "OPTIONS" }));
    assert.equal(options.status, 204);
    assert.equal(options.headers.get("allow"), "GET, HEAD, OPTIONS, POST");
  });

  test("a POST-only route's Allow has no HEAD", async () => {
    const { GET } = refuseOtherMethods("POST");
    const refused = await GET(new Request(URL_));
    assert.equal(refused.headers.get("allow"), "OPTIONS, POST");
  });
});
