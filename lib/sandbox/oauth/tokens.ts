import "server-only";
import { getConfig } from "@/lib/config/env";
import { processSingleton } from "@/lib/process/singleton";
import { findGrant, revokeGrant } from "./grants";
import { randomToken, storageKey } from "./secrets";
import type { Grant } from "./types";

// Coinbase: refresh tokens last 1.5 years and can be exchanged once (Connect docs).
export const REFRESH_TOKEN_LIFETIME_MS = 1.5 * 365 * 24 * 60 * 60 * 1000;
// Dead tokens are kept a day so the API can still say "expired" or "revoked", not "unknown".
const REMEMBER_MS = 24 * 60 * 60 * 1000;

interface StoredToken {
  kind: "access" | "refresh";
  grantId: string;
  expiresAt: number;
  usedAt?: number;
  revokedAt?: number;
}

const tokens = processSingleton("sandbox.oauth-tokens", () => new Map<string, StoredToken>());

export interface IssuedTokens {
  accessToken: string;
  expiresIn: number;
  /** Only when the grant holds `offline_access`. */
  refreshToken?: string;
}

export function issueTokens(grant: Grant, now = Date.now()): IssuedTokens {
  sweep(now);
  const expiresIn = getConfig().oauth.sandboxAccessTokenTtlSeconds;
  const accessToken = randomToken();
  tokens.set(storageKey(accessToken), {
    kind: "access",
    grantId: grant.id,
    expiresAt: now + expiresIn * 1000,
  });
  if (!grant.scopes.includes("offline_access")) return { accessToken, expiresIn };
  const refreshToken = randomToken();
  tokens.set(storageKey(refreshToken), {
    kind: "refresh",
    grantId: grant.id,
    expiresAt: now + REFRESH_TOKEN_LIFETIME_MS,
  });
  return { accessToken, expiresIn, refreshToken };
}

export type TokenCheck =
  { ok: true; grant: Grant } | { ok: false; reason: "unknown" | "expired" | "revoked" | "used" };

/** What the API asks of a bearer token. Revocation wins over expiry: it is the news. */
export function checkAccessToken(token: string, now = Date.now()): TokenCheck {
  return check(token, "access", now);
}

/** Spends a refresh token of this client (each works once); the caller issues the next pair. */
export function spendRefreshToken(token: string, clientId: string, now = Date.now()): TokenCheck {
  const result = check(token, "refresh", now);
  // Another client's token is as good as unknown to this one.
  if (!result.ok || result.grant.clientId !== clientId) {
    return result.ok ? { ok: false, reason: "unknown" } : result;
  }
  tokens.get(storageKey(token))!.usedAt = now;
  return result;
}

/** The grant behind an access or refresh token, live or not: what revocation needs. */
export function grantOfToken(token: string): Grant | undefined {
  const stored = tokens.get(storageKey(token));
  return stored && findGrant(stored.grantId);
}

/**
 * Revokes what RFC 7009 lets a server revoke for a token: a refresh token ends its grant
 * (every token of it), an access token only itself. So an app that revokes only the access
 * token, as it might on "disconnect", finds its refresh token still working here too, as it
 * may at Coinbase (Connect docs: revoke both).
 */
export function revokeToken(token: string, now = Date.now()): void {
  const stored = tokens.get(storageKey(token));
  if (!stored) return;
  if (stored.kind === "refresh") revokeGrant(stored.grantId, now);
  else stored.revokedAt ??= now;
}

function check(token: string, kind: StoredToken["kind"], now: number): TokenCheck {
  const stored = tokens.get(storageKey(token));
  const grant = stored && findGrant(stored.grantId);
  if (!stored || stored.kind !== kind || !grant) return { ok: false, reason: "unknown" };
  if (grant.revokedAt !== undefined || stored.revokedAt !== undefined)
    return { ok: false, reason: "revoked" };
  if (stored.usedAt !== undefined) return { ok: false, reason: "used" };
  if (now >= stored.expiresAt) return { ok: false, reason: "expired" };
  return { ok: true, grant };
}

function sweep(now: number) {
  for (const [key, stored] of tokens) {
    if (now - stored.expiresAt > REMEMBER_MS) tokens.delete(key);
  }
}
