import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** Codes and tokens: 32 random bytes, base64url (43 characters). */
export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

/** PKCE S256: base64url(SHA-256(code_verifier)), RFC 7636 §4.2. */
export function s256Challenge(verifier: string): string {
  return sha256(verifier).toString("base64url");
}

// Stores are keyed by the token's hash, so a dump of the maps holds no usable token.
export function storageKey(token: string): string {
  return sha256(token).toString("base64url");
}

function sha256(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}
