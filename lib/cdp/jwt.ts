import "server-only";
import { randomBytes, type KeyObject } from "node:crypto";
import { SignJWT } from "jose";
import type { CdpAlgorithm } from "./api-key";

/** Lifetime of a CDP request JWT, fixed by CDP. */
const LIFETIME_SECONDS = 120;

/** What signs a CDP JWT: the key id, its algorithm, and the private key (imported once, at start). */
export interface CdpJwtKey {
  keyId: string;
  algorithm: CdpAlgorithm;
  privateKey: CryptoKey | KeyObject;
}

/** `"POST api.developer.coinbase.com/onramp/v1/token"`: method, host (with a non-default port) and path; no scheme, no query. */
export function cdpUriClaim(method: string, url: string): string {
  const u = new URL(url);
  return `${method.trim().toUpperCase()} ${u.host}${u.pathname}`;
}

/** A fresh JWT for one CDP request (`url` is the full request URL), as CDP's docs specify. */
export function signCdpJwt(
  key: CdpJwtKey,
  method: string,
  url: string,
  now: Date = new Date(),
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  if (!Number.isFinite(issuedAt)) throw new TypeError("signCdpJwt: `now` is not a valid date");
  return new SignJWT({ uris: [cdpUriClaim(method, url)] })
    .setProtectedHeader({
      alg: key.algorithm,
      kid: key.keyId,
      typ: "JWT",
      // CDP refuses a JWT it has seen before: each one carries a fresh nonce.
      nonce: randomBytes(16).toString("hex"),
    })
    .setIssuer("cdp")
    .setSubject(key.keyId)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(issuedAt + LIFETIME_SECONDS)
    .sign(key.privateKey);
}
