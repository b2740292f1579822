import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { signValue, verifySignedValue } from "../../lib/security/signed-value";

const SECRET = "s".repeat(32);

describe("signed values (the browser's partner user reference)", () => {
  test("round trip", () => {
    const signed = signValue("ramp-user", "anon-0123456789abcdef", SECRET);
    assert.ok(signed.startsWith("anon-0123456789abcdef."));
    assert.equal(verifySignedValue("ramp-user", signed, SECRET), "anon-0123456789abcdef");
  });

  test("an edited value, a forged or truncated signature, another purpose or secret: refused", () => {
    const signed = signValue("ramp-user", "anon-aaaa", SECRET);
    const mac = signed.slice(signed.lastIndexOf(".") + 1);
    assert.equal(verifySignedValue("ramp-user", `anon-bbbb.${mac}`, SECRET), null);
    assert.equal(verifySignedValue("ramp-user", `anon-aaaa.${mac.slice(0, -2)}`, SECRET), null);
    assert.equal(verifySignedValue("ramp-user", "anon-aaaa.AAAA", SECRET), null);
    assert.equal(verifySignedValue("ramp-user", "anon-aaaa", SECRET), null);
    assert.equal(verifySignedValue("handoff", signed, SECRET), null);
    assert.equal(verifySignedValue("ramp-user", signed, "t".repeat(32)), null);
    assert.equal(verifySignedValue("ramp-user", undefined, SECRET), null);
  });
});
