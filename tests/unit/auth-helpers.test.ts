import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { bearerKey, isValidApiKey } from "../../lib/auth/api-keys";
import { safeNextPath } from "../../lib/auth/next-path";
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
    ])
      assert.equal(safeNextPath(next), "/", String(next));
  });
});
