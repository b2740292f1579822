import "server-only";
import { createHash } from "node:crypto";
import { getConfig } from "@/lib/config/env";
import { processSingleton } from "@/lib/process/singleton";
import { upstreamTimeout } from "@/lib/http/upstream-errors";
import { log } from "@/lib/log/logger";
import { getStore } from "@/lib/store/get-store";
import type { SharedStore } from "@/lib/store/shared-store";
import { seal, unseal } from "@/lib/security/sealed-cookie";
import type { OAuthSession } from "./session-cookie";
import { refreshTokens, revokeToken, sessionEnded, sessionReplaced } from "./token-client";

/**
 * Each refresh token can be spent once. Requests that need a refresh at the same moment
 * (two tabs, two instances) carry the same old token: exactly one spends it, through a
 * lock in the shared store; the others wait for its result, which is kept sealed (never
 * in clear text) for a minute, under its own key and bound to the spent token, so a copy
 * read from the store is neither a session cookie nor the answer for another token. When the store cannot be reached, nobody spends the token:
 * `store_unavailable`, and the session is kept for a later try.
 */
const RESULT_MS = 60_000;
const WAIT_STEP_MS = 100;

/**
 * The lock outlives the refresh it guards (both attempts share one deadline, the upstream
 * timeout), so that it never runs out mid-refresh and lets a second caller spend the same
 * token: 15 s with the default 10 s timeout. Waiters give up at the same deadline.
 */
function lockMs(): number {
  return getConfig().upstreamTimeoutMs + 5_000;
}

// Within one process, callers share the promise and skip the store round trips.
const inFlight = processSingleton(
  "oauth-refreshes",
  () => new Map<string, Promise<OAuthSession>>(),
);

export function refreshOnce(
  session: OAuthSession,
  deps: { store?: SharedStore; refresh?: typeof refreshTokens } = {},
): Promise<OAuthSession> {
  if (!session.refreshToken) return Promise.reject(sessionEnded());
  const id = tokenId(session.refreshToken);
  const existing = inFlight.get(id);
  if (existing) return existing;
  const promise = refreshWithLock(
    session,
    deps.store ?? getStore(),
    deps.refresh ?? refreshTokens,
  ).finally(() => inFlight.delete(id));
  inFlight.set(id, promise);
  return promise;
}

/**
 * The cross-instance part: one holder of the lock spends the token, the rest read its
 * result. A holder whose refresh fails lets go of the lock, so a retry or a waiter can
 * try again: a lost answer must not end a session that Coinbase would still renew.
 */
export async function refreshWithLock(
  session: OAuthSession,
  store: SharedStore,
  refresh: typeof refreshTokens,
): Promise<OAuthSession> {
  const id = tokenId(session.refreshToken ?? "");
  const keys = resultKeys(id);
  // Signed out: the session is over, whatever the cookie this request carried says.
  await throwIfEnded(store, keys);
  // A deadline, not a count of waits: each turn's two store calls take time too, and a slow
  // store must not stretch the wait to many times the lock's life.
  const lock = lockMs();
  for (const deadline = Date.now() + lock; Date.now() < deadline;) {
    // Spent already (here or by another instance): take the tokens it got, unless the
    // user signed out meanwhile (the sign-out or the spender revoked them).
    const shared = await readResult(await store.get(keys.result), id);
    if (shared) {
      await throwIfEnded(store, keys);
      return shared;
    }
    if (await store.setIfAbsent(keys.lock, "1", lock))
      return spend(session, store, refresh, keys, id);
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
  }
  // The holder neither finished nor gave up in time; the token may still be good.
  throw upstreamTimeout();
}

/**
 * Sign-out ends this session's refreshes too: a refresh under way when the user signs out
 * would otherwise bring back a fresh grant, which Coinbase need not end with the spent refresh
 * token sign-out revokes (RFC 7009), and set it in the browser's cookie again. Marks the
 * token ended, for as long as a refresh of it may run or its result be read, then revokes a
 * result already shared. The spender looks for the mark after sharing its result (`spend`):
 * whichever of the two comes second sees the other, so the new grant is revoked either way.
 * False when that revocation failed: the grant may still be alive at Coinbase.
 */
export async function endRefreshes(
  session: OAuthSession,
  store: SharedStore = getStore(),
  why: EndedBecause = "ended",
): Promise<boolean> {
  if (!session.refreshToken) return true;
  const id = tokenId(session.refreshToken);
  const keys = resultKeys(id);
  await store.set(keys.ended, ENDED_MARKS[why], lockMs() + RESULT_MS);
  const renewed = await readResult(await store.get(keys.result), id);
  return renewed ? revokeToken(renewed) : true;
}

/**
 * Why this app ended a grant: a sign-out or Disconnect ("ended"), or a new connection in its
 * place ("replaced", whose callback set the new cookie: a late request carrying the old one
 * must leave it, `sessionReplaced`).
 */
export type EndedBecause = "ended" | "replaced";
const ENDED_MARKS: Record<EndedBecause, string> = { ended: "1", replaced: "replaced" };

/** A refresh of a grant this app ended is refused, saying which way it ended. */
async function throwIfEnded(store: SharedStore, keys: ReturnType<typeof resultKeys>) {
  const mark = await store.get(keys.ended);
  if (mark) throw endedAs(mark);
}

const endedAs = (mark: string) =>
  mark === ENDED_MARKS.replaced ? sessionReplaced() : sessionEnded();

const resultKeys = (id: string) => ({
  lock: `oauth:refresh:lock:${id}`,
  result: `oauth:refresh:result:${id}`,
  ended: `oauth:refresh:ended:${id}`,
});

async function spend(
  session: OAuthSession,
  store: SharedStore,
  refresh: typeof refreshTokens,
  keys: ReturnType<typeof resultKeys>,
  id: string,
): Promise<OAuthSession> {
  let renewed: OAuthSession;
  try {
    renewed = await refresh(session);
  } catch (error) {
    await store.delete(keys.lock).catch(() => {}); // it expires anyway
    throw error;
  }
  // The token is spent now: this caller keeps the new pair even if the store cannot keep
  // a copy for the waiters, since losing it would end a session Coinbase just renewed.
  const sealed = await seal(
    "oauth-refresh-result",
    { session: { ...renewed }, spent: id },
    RESULT_MS / 1000,
  );
  await store.set(keys.result, sealed, RESULT_MS).catch(() => {
    log("warn", "oauth_refresh_result_not_shared");
  });
  // Signed out (or replaced) while Coinbase renewed it: the new grant goes too, and no cookie
  // gets it; the refusal says which, as a waiter's does.
  const mark = await store.get(keys.ended).catch(() => null);
  if (mark) {
    await revokeToken(renewed);
    throw endedAs(mark);
  }
  return renewed;
}

async function readResult(sealed: string | null, id: string): Promise<OAuthSession | null> {
  const payload = sealed ? await unseal("oauth-refresh-result", sealed) : null;
  if (!payload || payload.spent !== id) return null;
  return payload.session as OAuthSession;
}

// Keys hold a hash, never the refresh token itself.
function tokenId(refreshToken: string): string {
  return createHash("sha256").update(refreshToken).digest("base64url");
}
