import "server-only";
import { randomBytes } from "node:crypto";
import { SignJWT } from "jose";
import type { CdpSigningKey } from "./api-key";

/** Lifetime of a CDP request JWT, fixed by CDP. */
const LIFETIME_SECONDS = 120;

/** `"POST api.developer.coinbase.com/onramp/v1/token"`: method, host (with a non-default port) and path; no scheme, no query. */
export function cdpUriClaim(method: string, url: string): string {
  const u = new URL(url);
  return `${method.trim().toUpperCase()} ${u.host}${u.pathname}`;
}

/** A fresh JWT for one CDP request. `url` is the full request URL. */
export async function signCdpJwt(
  key: CdpSigningKey,
  method: string,
  url: string,
  now: Date = new Date(),
): Promise<string> {
  const nbf = Math.floor(now.getTime() / 1000);
  if (!Number.isFinite(nbf)) throw new TypeError("signCdpJwt: `now` is not a valid date");
  // jose caches the imported key per KeyObject, so the key is converted once, not per call.
  return new SignJWT({ uris: [cdpUriClaim(method, url)] })
    .setProtectedHeader({
      alg: key.algorithm,
      kid: key.keyId,
      typ: "JWT",
      nonce: randomBytes(16).toString("hex"),
    })
    .setIssuer("cdp")
    .setSubject(key.keyId)
    .setIssuedAt(nbf)
    .setNotBefore(nbf)
    .setExpirationTime(nbf + LIFETIME_SECONDS)
    .sign(key.privateKey);
}
