import "server-only";
import { createHash } from "node:crypto";
import type { OAuthSession } from "./session-cookie";
import { refreshTokens } from "./token-client";

// Each refresh token can be spent once. Requests that need a refresh at the same moment
// (two tabs, parallel fetches) carry the same old token: the first spends it, the others
// get the same new tokens from here. Kept for a minute, per process (the Hardening issue
// moves this to the shared store for several instances).
const REUSE_WINDOW_MS = 60_000;
const KEY = Symbol.for("coinbase-reference.oauth-refreshes");
type Entry = { promise: Promise<OAuthSession>; at: number };
const g = globalThis as typeof globalThis & { [KEY]?: Map<string, Entry> };
const refreshes = (g[KEY] ??= new Map<string, Entry>());

export function refreshOnce(session: OAuthSession, now = Date.now()): Promise<OAuthSession> {
  if (!session.refreshToken) return refreshTokens(session);
  for (const [key, entry] of refreshes) if (now - entry.at > REUSE_WINDOW_MS) refreshes.delete(key);
  const key = createHash("sha256").update(session.refreshToken).digest("base64url");
  const existing = refreshes.get(key);
  if (existing) return existing.promise;
  const promise = refreshTokens(session);
  refreshes.set(key, { promise, at: now });
  // A failed refresh may be retried (e.g. after a timeout): forget it.
  promise.catch(() => refreshes.delete(key));
  return promise;
}
