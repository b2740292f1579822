import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { assertAllowedOrigin } from "../../lib/abuse/origin-policy";
import { AppError } from "../../lib/http/app-error";
import { REDACTED, redact } from "../../lib/log/redact";
import { log, withRequestId } from "../../lib/log/logger";
import { logRequestError } from "../../lib/log/request-error";

// getConfig() with an empty environment: APP_URL http://localhost:3000, no ALLOWED_ORIGINS.
const request = (headers: Record<string, string>) =>
  new Request("http://localhost:3000/api/onramp", { method: "POST", headers });

function forbidden(headers: Record<string, string>) {
  assert.throws(
    () => assertAllowedOrigin(request(headers)),
    (e: unknown) => {
      assert.ok(e instanceof AppError);
      assert.equal(e.code, "forbidden_origin");
      assert.equal(e.status, 403);
      return true;
    },
  );
}

describe("origin policy for minting routes", () => {
  test("same-origin browser requests pass", () => {
    assertAllowedOrigin(
      request({ "sec-fetch-site": "same-origin", origin: "http://localhost:3000" }),
    );
    assertAllowedOrigin(request({ origin: "http://localhost:3000" }));
  });

  test("server-to-server requests (no Origin, no Sec-Fetch-Site) pass", () => {
    assertAllowedOrigin(request({}));
  });

  test("another site is refused, by Origin or by Sec-Fetch-Site", () => {
    forbidden({ origin: "https://evil.example" });
    forbidden({ origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    forbidden({ "sec-fetch-site": "cross-site" });
    forbidden({ "sec-fetch-site": "same-site", origin: "http://sub.localhost:3000" });
    forbidden({ origin: "null" });
  });

  test("a cross-site navigation is refused too: a phone link mints only from its own page's POST", () => {
    const navigation = {
      "sec-fetch-site": "cross-site",
      "sec-fetch-mode": "navigate",
      "sec-fetch-dest": "document",
    };
    const refused = (headers: Record<string, string>, method = "GET") =>
      assert.throws(
        () => assertAllowedOrigin(new Request("http://localhost:3000/h/abc", { method, headers })),
        (e: unknown) => e instanceof AppError && e.code === "forbidden_origin",
      );
    refused(navigation);
    refused({ ...navigation, "sec-fetch-site": "same-site" });
    refused({ ...navigation, origin: "https://evil.example" }, "POST");
  });
});

describe("log redaction", () => {
  test("secret-bearing fields are masked whatever their value", () => {
    const out = redact({
      accessToken: "a",
      refresh_token: "b",
      client_secret: "c",
      code: "d",
      state: "e",
      authorization: "f",
      cookie: "g",
      nested: { sessionToken: "h" },
      status: 200,
      path: "/x",
    });
    assert.deepEqual(out, {
      accessToken: REDACTED,
      refresh_token: REDACTED,
      client_secret: REDACTED,
      code: REDACTED,
      state: REDACTED,
      authorization: REDACTED,
      cookie: REDACTED,
      nested: { sessionToken: REDACTED },
      status: 200,
      path: "/x",
    });
  });

  test("credential-looking strings are masked under innocent names", () => {
    const jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4eHh4eHh4eHgifQ.c2lnbmF0dXJlc2lnbmF0dXJl";
    const out = redact({
      message: `upstream said Bearer abc.def and ${jwt}`,
      pem: "x -----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY----- y",
    }) as Record<string, string>;
    assert.ok(!out.message!.includes("abc.def"));
    assert.ok(!out.message!.includes(jwt));
    assert.ok(!out.pem!.includes("MHcC"));
  });

  test("log lines are JSON with the request id of the request being served", () => {
    const lines: string[] = [];
    const original = process.stdout.write;
    process.stdout.write = ((line: string) => lines.push(line) > 0) as typeof process.stdout.write;
    try {
      withRequestId("req-12345678", () =>
        log("info", "example", { token: "t0p-s3cret", status: 201 }),
      );
    } finally {
      process.stdout.write = original;
    }
    assert.equal(lines.length, 1);
    assert.ok(lines[0]!.endsWith("\n"), "one line per entry");
    const entry = JSON.parse(lines[0]!);
    assert.equal(entry.requestId, "req-12345678");
    assert.equal(entry.event, "example");
    assert.equal(entry.status, 201);
    assert.ok(!lines[0]!.includes("t0p-s3cret"));
  });

  test("a page's error is one line: its request id and digest, no query, no phone link id, no query parameters", () => {
    const lines = captureStderr(() => {
      const failedQuery = Object.assign(
        new Error(
          "Failed query: select * from users where email = $1\nparams: someone@example.com",
          {
            cause: new Error("connection terminated"),
          },
        ),
        { digest: "1785157175" },
      );
      void logRequestError(
        failedQuery,
        {
          path: "/h/Zm9vYmFyLWxpbmstaWQ?after=phone",
          method: "GET",
          headers: { "x-request-id": "req-87654321" },
        },
        {
          routerKind: "App Router",
          routePath: "/h/[id]",
          routeType: "render",
          revalidateReason: undefined,
        },
      );
      void logRequestError(
        new AppError("upstream_rejected", "Coinbase refused the request"),
        { path: "/oauth/result?failure=x&code=abc", method: "GET", headers: {} },
        {
          routerKind: "App Router",
          routePath: "/oauth/result",
          routeType: "render",
          revalidateReason: undefined,
        },
      );
    });
    const [failed, refused] = lines.map((line) => JSON.parse(line));
    assert.deepEqual(
      { ...failed, time: undefined },
      {
        time: undefined,
        level: "error",
        event: "page_error",
        requestId: "req-87654321",
        method: "GET",
        path: "/h/:id",
        route: "/h/[id]",
        routeType: "render",
        name: "Error",
        message: "connection terminated",
        digest: "1785157175",
      },
    );
    assert.equal(refused.path, "/oauth/result");
    // The page a phone link leads to carries the link's id as well: never in a log line.
    const [handoffPage] = captureStderr(() =>
      logRequestError(
        new Error("boom"),
        { path: "/handoff/AbCdEfGhIjKlMnOpQrStUv", method: "GET", headers: {} },
        {
          routerKind: "App Router",
          routePath: "/handoff/[id]",
          routeType: "render",
          revalidateReason: undefined,
        },
      ),
    ).map((line) => JSON.parse(line));
    assert.equal(handoffPage.path, "/handoff/:id");
    assert.ok(!JSON.stringify(handoffPage).includes("AbCdEfGhIjKlMnOpQrStUv"));
    assert.equal(refused.errorCode, "upstream_rejected");
    assert.equal(refused.message, "Coinbase refused the request");
    assert.match(refused.requestId, /^[\w-]{36}$/, "a fresh id when the request had none");
    assert.ok(!lines.join("").includes("someone@example.com"));
  });
});

function captureStderr(fn: () => void): string[] {
  const lines: string[] = [];
  const original = process.stderr.write;
  process.stderr.write = ((line: string) => lines.push(line) > 0) as typeof process.stderr.write;
  try {
    fn();
  } finally {
    process.stderr.write = original;
  }
  return lines;
}
