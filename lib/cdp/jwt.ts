import "server-only";
import { randomBytes, sign } from "node:crypto";
import type { CdpSigningKey } from "./api-key";

/** Lifetime of a CDP request JWT, fixed by CDP. */
const LIFETIME_SECONDS = 120;

/** `"POST api.developer.coinbase.com/onramp/v1/token"`: method, host (with a non-default port) and path; no scheme, no query. */
export function cdpUriClaim(method: string, url: string): string {
  const u = new URL(url);
  return `${method.trim().toUpperCase()} ${u.host}${u.pathname}`;
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

/**
 * A fresh JWT for one CDP request. `url` is the full request URL.
 *
 * Signed with node:crypto straight from the `KeyObject` parsed at start: no key is
 * converted or imported per request, and it costs a third of the CPU of a JOSE library
 * (see README, Performance). Only ES256 and EdDSA exist here, both fixed by the key.
 */
export function signCdpJwt(
  key: CdpSigningKey,
  method: string,
  url: string,
  now: Date = new Date(),
): string {
  const nbf = Math.floor(now.getTime() / 1000);
  if (!Number.isFinite(nbf)) throw new TypeError("signCdpJwt: `now` is not a valid date");
  const header = {
    alg: key.algorithm,
    kid: key.keyId,
    typ: "JWT",
    nonce: randomBytes(16).toString("hex"),
  };
  const claims = {
    uris: [cdpUriClaim(method, url)],
    iss: "cdp",
    sub: key.keyId,
    iat: nbf,
    nbf,
    exp: nbf + LIFETIME_SECONDS,
  };
  const input = `${base64url(header)}.${base64url(claims)}`;
  // Synchronous, on the CDP thread: the thread-pool form would cost that thread as much
  // (async hooks on the job and its callback) and add a hop (see README, Performance).
  const signature =
    key.algorithm === "ES256"
      ? // JWS wants ECDSA signatures as r || s (IEEE P1363), not DER.
        sign("sha256", Buffer.from(input), { key: key.privateKey, dsaEncoding: "ieee-p1363" })
      : sign(null, Buffer.from(input), key.privateKey);
  return `${input}.${signature.toString("base64url")}`;
}
