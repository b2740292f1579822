import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { getConfig } from "@/lib/config/env";

/**
 * A value that needs integrity but not secrecy (it is visible elsewhere anyway), signed
 * with HMAC-SHA256 under a key derived from SESSION_SECRET for this purpose alone.
 * Far cheaper than sealing, which matters on the minting path.
 */
const keys = new Map<string, Buffer>();

function keyFor(purpose: string, secret: string): Buffer {
  const id = `${purpose}\0${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "coinbase-reference-signed", purpose, 32));
    keys.set(id, key);
  }
  return key;
}

function mac(purpose: string, value: string, secret: string): Buffer {
  return createHmac("sha256", keyFor(purpose, secret)).update(value).digest();
}

export function signValue(
  purpose: string,
  value: string,
  secret = getConfig().oauth.sessionSecret,
): string {
  return `${value}.${mac(purpose, value, secret).toString("base64url")}`;
}

/** The value, or null when it is missing or was not signed by us for this purpose. */
export function verifySignedValue(
  purpose: string,
  signed: string | undefined,
  secret = getConfig().oauth.sessionSecret,
): string | null {
  if (!signed) return null;
  const dot = signed.lastIndexOf(".");
  if (dot <= 0) return null;
  const value = signed.slice(0, dot);
  const given = Buffer.from(signed.slice(dot + 1), "base64url");
  const expected = mac(purpose, value, secret);
  return given.length === expected.length && timingSafeEqual(given, expected) ? value : null;
}
