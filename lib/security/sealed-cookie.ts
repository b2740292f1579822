import "server-only";
import { hkdfSync } from "node:crypto";
import { EncryptJWT, jwtDecrypt, type JWTPayload } from "jose";
import { getConfig } from "@/lib/config/env";

/**
 * Cookie values sealed with JWE (`dir` + A256GCM): unreadable and tamper-evident in the
 * browser. Each purpose gets its own key, derived from SESSION_SECRET with HKDF, so a
 * state cookie can never be replayed as a session cookie.
 */
export type CookiePurpose =
  | "oauth-state"
  | "oauth-session"
  | "oauth-refresh-result"
  | "oauth-result-detail"
  | "handoff"
  | "known-browser";

// One imported AES key per purpose and secret, made on first use and kept: importing a
// key per request costs more than the encryption itself.
const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(purpose: CookiePurpose, secret: string): Promise<CryptoKey> {
  const id = `${purpose}\0${secret}`;
  let key = keys.get(id);
  if (!key) {
    const raw = new Uint8Array(
      hkdfSync("sha256", secret, "coinbase-reference-cookies", purpose, 32),
    );
    key = crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
    keys.set(id, key);
  }
  return key;
}

export async function seal(
  purpose: CookiePurpose,
  payload: JWTPayload,
  ttlSeconds: number,
  secret = getConfig().oauth.sessionSecret,
): Promise<string> {
  return new EncryptJWT(payload)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM", cty: purpose })
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .encrypt(await keyFor(purpose, secret));
}

/** The payload, or null when the value is missing, tampered with, expired or for another purpose. */
export async function unseal(
  purpose: CookiePurpose,
  value: string | undefined,
  secret = getConfig().oauth.sessionSecret,
): Promise<JWTPayload | null> {
  if (!value) return null;
  try {
    const { payload } = await jwtDecrypt(value, await keyFor(purpose, secret), {
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256GCM"],
    });
    return payload;
  } catch {
    return null;
  }
}

/** Cookie attributes: httpOnly, Lax, and Secure with the `__Host-` prefix over https. */
export function cookieOptions(maxAgeSeconds: number) {
  const secure = getConfig().appUrl.startsWith("https://");
  return { httpOnly: true, sameSite: "lax" as const, secure, path: "/", maxAge: maxAgeSeconds };
}

/** A Set-Cookie header value that ends the cookie `name` set with `cookieOptions`. */
export function clearingCookie(name: string): string {
  const { secure } = cookieOptions(0);
  return `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

export function cookieName(base: string): string {
  return getConfig().appUrl.startsWith("https://") ? `__Host-${base}` : base;
}
