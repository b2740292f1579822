import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** A fresh PKCE pair: a 43-character verifier and its S256 challenge (RFC 7636). */
export function createPkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: s256(verifier) };
}

export function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

/** OAuth state: 32 random bytes, base64url. */
export function createState(): string {
  return randomBytes(32).toString("base64url");
}
