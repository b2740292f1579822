import "server-only";
import { decodeProtectedHeader, jwtVerify } from "jose";
import { getCdpSigningKey } from "@/lib/cdp/signing-key";
import { getConfig } from "@/lib/config/env";
import { firstUseOfNonce } from "./seen-nonces";

const MAX_LIFETIME_SECONDS = 120;
// 16 random bytes in lowercase hex, as Coinbase's API-key docs and SDKs make it.
const NONCE = /^[0-9a-f]{32}$/;

/**
 * Checks a CDP bearer JWT the way Coinbase does: signature under the key's public half
 * (algorithm pinned), `kid` = `sub` = the key id, `iss` = cdp, unexpired, at most 120 s
 * of life, `uris` naming this very request, and a `nonce` header never seen before (a JWT is
 * good for one request: a replay within its life is refused). Returns a reason when it fails.
 * The request's host is this app's (APP_URL, which the app signs for, as Coinbase has one
 * host) or the one it was sent to: a proxy in front that rewrites `Host` (nginx's default)
 * must not make every call a 401.
 */
export async function verifyCdpRequestJwt(request: Request): Promise<string | null> {
  const token = /^Bearer (\S+)$/.exec(request.headers.get("authorization") ?? "")?.[1];
  if (!token) return "missing bearer token";
  const key = getCdpSigningKey();
  try {
    const header = decodeProtectedHeader(token);
    if (header.kid !== key.keyId) return "unknown key id";
    const nonce = header.nonce;
    if (typeof nonce !== "string" || !NONCE.test(nonce)) return "missing or malformed nonce";
    const { payload } = await jwtVerify(token, key.publicKey, {
      algorithms: [key.algorithm],
      issuer: "cdp",
      subject: key.keyId,
      typ: "JWT",
      requiredClaims: ["exp", "nbf", "iat", "uris"],
    });
    if ((payload.exp ?? 0) - (payload.nbf ?? 0) > MAX_LIFETIME_SECONDS)
      return "token lives too long";
    const url = new URL(request.url);
    const hosts = [new URL(getConfig().appUrl).host, request.headers.get("host") ?? url.host];
    const uris = payload.uris;
    const named = (host: string) =>
      Array.isArray(uris) &&
      uris.includes(`${request.method.toUpperCase()} ${host}${url.pathname}`);
    if (!hosts.some(named)) return "uris claim does not match the request";
    // Last, once the token is known good: a forged token cannot spend someone's nonce.
    if (!firstUseOfNonce(nonce)) return "nonce already used";
    return null;
  } catch {
    return "invalid token";
  }
}
