import "server-only";
import { processSingleton } from "@/lib/process/singleton";
import { findGrant, revokeGrant } from "./grants";
import { randomToken, s256Challenge, safeEqual, storageKey } from "./secrets";
import type { Grant } from "./types";

export const CODE_LIFETIME_MS = 10 * 60 * 1000;
// Spent codes are remembered past their life so a late replay still revokes the grant.
const REMEMBER_MS = 24 * 60 * 60 * 1000;

interface StoredCode {
  grantId: string;
  redirectUri: string;
  codeChallenge: string;
  issuedAt: number;
  usedAt?: number;
}

const codes = processSingleton("sandbox.oauth-codes", () => new Map<string, StoredCode>());

export function issueCode(
  grant: Grant,
  redirectUri: string,
  codeChallenge: string,
  now = Date.now(),
): string {
  sweep(now);
  const code = randomToken();
  codes.set(storageKey(code), { grantId: grant.id, redirectUri, codeChallenge, issuedAt: now });
  return code;
}

export interface CodeExchange {
  code: string;
  clientId: string;
  redirectUri: string;
  codeVerifier: string;
}

export type CodeRedemption = { ok: true; grant: Grant } | { ok: false; description: string };

/**
 * Spends a code on its first presentation, whatever the outcome, so a failed guess at
 * the verifier cannot be retried. A second presentation revokes every token the first
 * one produced (RFC 6749 §4.1.2): a replayed code means it leaked.
 */
export function redeemCode(exchange: CodeExchange, now = Date.now()): CodeRedemption {
  const stored = codes.get(storageKey(exchange.code));
  const grant = stored && findGrant(stored.grantId);
  if (!stored || !grant) return { ok: false, description: "The authorization code is unknown" };
  if (stored.usedAt !== undefined) {
    revokeGrant(grant.id, now);
    return {
      ok: false,
      description: "The authorization code was already used; tokens issued from it are revoked",
    };
  }
  stored.usedAt = now;
  if (now - stored.issuedAt > CODE_LIFETIME_MS) {
    return { ok: false, description: "The authorization code has expired" };
  }
  if (grant.revokedAt !== undefined) {
    return { ok: false, description: "The authorization was revoked" };
  }
  if (grant.clientId !== exchange.clientId) {
    return { ok: false, description: "The authorization code was issued to another client" };
  }
  if (stored.redirectUri !== exchange.redirectUri) {
    return {
      ok: false,
      description: "redirect_uri does not match the one the code was issued for",
    };
  }
  if (!safeEqual(s256Challenge(exchange.codeVerifier), stored.codeChallenge)) {
    return { ok: false, description: "code_verifier does not match the code_challenge" };
  }
  return { ok: true, grant };
}

function sweep(now: number) {
  for (const [key, stored] of codes) {
    if (now - stored.issuedAt > REMEMBER_MS) codes.delete(key);
  }
}
