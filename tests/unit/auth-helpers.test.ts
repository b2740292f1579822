import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { bearerKey, isValidApiKey } from "../../lib/auth/api-keys";
import { safeNextPath } from "../../lib/auth/next-path";
import { SignInSchema } from "../../lib/auth/sign-in-schema";
import { SubmitCodeSchema } from "../../lib/guest/schemas";
import { SendSchema } from "../../lib/oauth/send-schema";
import { partnerUserRefOf } from "../../lib/auth/require-caller";
import { isAppError } from "../../lib/http/app-error";

const digest = (key: string) => createHash("sha256").update(key).digest();

describe("API keys", () => {
  const keys = [randomBytes(32).toString("base64url"), randomBytes(32).toString("hex")];
  const hashes = keys.map(digest);

  test("each configured key is valid; anything else is not", () => {
    for (const key of keys) assert.equal(isValidApiKey(key, hashes), true);
    assert.equal(isValidApiKey(`${keys[0]}x`, hashes), false);
    assert.equal(isValidApiKey(keys[0]!.slice(0, -1), hashes), false);
    assert.equal(isValidApiKey("", hashes), false);
    assert.equal(isValidApiKey(keys[0]!, []), false, "no API_KEYS: no key is valid");
  });

  test("the bearer key is read from Authorization, case-insensitive scheme, nothing else", () => {
    const headers = (value: string) => new Headers({ authorization: value });
    assert.equal(bearerKey(headers(`Bearer ${keys[0]}`)), keys[0]);
    assert.equal(bearerKey(headers(`bearer ${keys[0]}`)), keys[0]);
    assert.equal(bearerKey(headers(`Basic ${keys[0]}`)), null);
    assert.equal(bearerKey(headers("Bearer a b")), null);
    assert.equal(bearerKey(new Headers()), null);
  });
});

describe("partnerUserRef of a caller", () => {
  const refusal = (fn: () => unknown, code: string, path: string) =>
    assert.throws(fn, (error) => {
      assert.ok(isAppError(error));
      assert.equal(error.code, code);
      assert.equal(error.options.issues?.[0]?.path, path);
      return true;
    });

  test("a signed-in user's is their id, and one from the browser is refused", () => {
    const user = { kind: "user", userId: "u_123" } as const;
    assert.equal(partnerUserRefOf(user, undefined), "u_123");
    refusal(() => partnerUserRefOf(user, "victim-ref"), "invalid_request", "partnerUserRef");
  });

  test("a partner server names its user, and must", () => {
    const server = { kind: "partner_server" } as const;
    assert.equal(partnerUserRefOf(server, "partner-user-9"), "partner-user-9");
    refusal(() => partnerUserRefOf(server, undefined), "invalid_request", "partnerUserRef");
  });
});

describe("where sign-in sends the user back to", () => {
  test("local paths pass, with their query", () => {
    assert.equal(safeNextPath("/buy"), "/buy");
    assert.equal(safeNextPath("/account?tab=history"), "/account?tab=history");
  });

  test("a path in any script comes back percent-encoded: a Location header carries ASCII only", () => {
    assert.equal(safeNextPath("/中?q=é#à"), "/%E4%B8%AD?q=%C3%A9#%C3%A0");
    assert.equal(safeNextPath("/%E4%B8%AD"), "/%E4%B8%AD");
    assert.equal(safeNextPath("/buy/../sell?x=1"), "/sell?x=1");
  });

  test("anything that could leave the site becomes the home page", () => {
    for (const next of [
      undefined,
      "",
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "javascript:alert(1)",
      "buy",
      "/\tbuy",
      // Another site once resolved: `.` and `..` segments fall away, `//` stays.
      "/.//evil.example/x",
      "/%2e//evil.example",
      "/a/..//evil.example",
      "/..//evil.example/x",
    ])
      assert.equal(safeNextPath(next), "/", String(next));
  });

  test("a route that acts rather than shows becomes the home page: another site cannot start a Coinbase sign-in through it", () => {
    for (const next of [
      "/api/oauth/authorize?scope=wallet:transactions:send&send_limit_amount=5000",
      "/api/auth/sign-out",
      "/oauth/refresh",
      "/buy/../api/oauth/authorize?scope=wallet:user:read",
      "/./oauth/callback?code=x&state=y",
      "/%61pi/oauth/authorize?scope=wallet:user:read",
      "/%6Fauth/refresh",
      "/buy/%2e%2e/api/auth/sign-out",
      "/%E0%A4%A",
    ])
      assert.equal(safeNextPath(next), "/", next);
    // Pages whose names merely begin the same way stay.
    assert.equal(safeNextPath("/apiary"), "/apiary");
    assert.equal(
      safeNextPath("/connect?scope=wallet:user:read"),
      "/connect?scope=wallet:user:read",
    );
  });
});

describe("one-time codes as people type them (lib/auth/one-time-code.ts)", () => {
  const email = "user@example.com";
  const send = {
    accountId: "btc-wallet",
    network: "bitcoin",
    to: "user@example.com",
    amount: "0.001",
    idem: "3f1c1b7e-8a0e-4b9f-9c1d-2f8e5a6b7c8d",
  };
  // Each code field: what it is given, and the code it keeps (or null: refused).
  const fields: [string, (typed: string) => string | null][] = [
    ["sign-in", (code) => readCode(SignInSchema.safeParse({ email, code }))],
    ["guest", (code) => readCode(SubmitCodeSchema.safeParse({ channel: "sms", code }))],
    [
      "send",
      (code) => readCode(SendSchema.safeParse({ ...send, twoFactorToken: code }), "twoFactorToken"),
    ],
  ];

  test("a code read out in two halves, or pasted with a hyphen, is its digits", () => {
    for (const [name, parse] of fields)
      for (const typed of ["123456", "123 456", " 123-456 ", "12 34 56", "123\u00a0456"])
        assert.equal(parse(typed), "123456", `${name}: ${JSON.stringify(typed)}`);
  });

  test("anything but digits and those separators is still refused", () => {
    for (const [name, parse] of fields)
      for (const typed of ["12345a", "123.456", "", "1 2 3"])
        assert.equal(parse(typed), null, `${name}: ${JSON.stringify(typed)}`);
  });
});

function readCode(
  parsed: { success: true; data: object } | { success: false },
  field = "code",
): string | null {
  return parsed.success ? String((parsed.data as Record<string, unknown>)[field]) : null;
}
