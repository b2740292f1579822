import "server-only";
import { timingSafeEqual, createHash } from "node:crypto";
import { cookieName, cookieOptions, seal, unseal } from "@/lib/security/sealed-cookie";
import { isAccountAccess, isAccountCurrencyList, type AccountAccess } from "./scopes";

/** What the browser carries between "Connect" and the callback, sealed. */
export interface PendingAuthorization {
  state: string;
  verifier: string;
  scopes: string[];
  /** The account access asked for: Coinbase does not say it, so the session keeps it from here. */
  account?: AccountAccess;
  /** The currencies `select` was narrowed to (`account_currency`), kept as the access is. */
  accountCurrency?: string[];
  /** The app user signed in when it started; absent when no one was (see `pendingFor`). */
  startedBy?: string;
}

export const STATE_TTL_SECONDS = 10 * 60;
export const stateCookieName = () => cookieName("cb_oauth_state");

/** A sign-in started in this browser, with when it runs out (epoch ms). */
export type StartedAuthorization = PendingAuthorization & { expiresAt: number };

// Sign-ins started before the latest (another tab, say) that can still finish besides it.
const MAX_EARLIER = 2;

/**
 * The cookie for a new sign-in. Those started earlier in this browser and not yet run out
 * stay in it (the latest few): a user who started in one tab, then in another, can finish
 * in either, instead of the first being refused as not started here.
 */
export async function sealState(
  pending: PendingAuthorization,
  earlier: StartedAuthorization[] = [],
  ttlSeconds = STATE_TTL_SECONDS,
): Promise<{ name: string; value: string; options: ReturnType<typeof cookieOptions> }> {
  const kept = earlier.filter((e) => e.expiresAt > Date.now()).slice(0, MAX_EARLIER);
  const payload = { ...pending, ...(kept.length ? { earlier: kept } : {}) };
  const value = await seal("oauth-state", payload, ttlSeconds);
  return { name: stateCookieName(), value, options: cookieOptions(ttlSeconds) };
}

/** Every sign-in this browser has under way, newest first, each until it runs out. */
export async function unsealStates(value: string | undefined): Promise<StartedAuthorization[]> {
  const payload = await unseal("oauth-state", value);
  const latest = payload && readPending(payload);
  if (!latest || typeof payload.exp !== "number") return [];
  const earlier = (Array.isArray(payload.earlier) ? payload.earlier : []).flatMap((e: unknown) => {
    const entry = e as Record<string, unknown> | null;
    const pending = entry && readPending(entry);
    const expiresAt = entry?.expiresAt;
    return pending && typeof expiresAt === "number" && expiresAt > Date.now()
      ? [{ ...pending, expiresAt }]
      : [];
  });
  return [{ ...latest, expiresAt: payload.exp * 1000 }, ...earlier];
}

/**
 * The cookie once the sign-in `used` has ended: the others still under way, each keeping its
 * own deadline; null when none is left (the cookie is cleared).
 */
export async function sealOthers(started: StartedAuthorization[], used: PendingAuthorization) {
  const [latest, ...earlier] = started.filter((s) => s.state !== used.state);
  if (!latest) return null;
  const { expiresAt, ...pending } = latest;
  return sealState(pending, earlier, Math.max(1, Math.ceil((expiresAt - Date.now()) / 1000)));
}

function readPending(payload: Record<string, unknown>): PendingAuthorization | null {
  if (
    typeof payload.state !== "string" ||
    typeof payload.verifier !== "string" ||
    !Array.isArray(payload.scopes)
  ) {
    return null;
  }
  return {
    state: payload.state,
    verifier: payload.verifier,
    scopes: payload.scopes.filter((s): s is string => typeof s === "string"),
    ...(isAccountAccess(payload.account) ? { account: payload.account } : {}),
    ...(isAccountCurrencyList(payload.accountCurrency)
      ? { accountCurrency: payload.accountCurrency }
      : {}),
    ...(typeof payload.startedBy === "string" ? { startedBy: payload.startedBy } : {}),
  };
}

/**
 * The sign-in a callback answers: the one whose state it carries, else the latest (a mismatch).
 * Only those started by the app user signed in now (`viewerId`, null for none) count: one left
 * under way by someone else on a shared browser (signed out, or their session ended, before
 * the next person signed in) would otherwise connect its Coinbase account to the wrong user.
 */
export function pendingFor(
  started: StartedAuthorization[],
  received: string,
  viewerId: string | null,
): StartedAuthorization | null {
  const own = started.filter((s) => (s.startedBy ?? null) === viewerId);
  return own.find((s) => statesMatch(s.state, received)) ?? own[0] ?? null;
}

/** Constant-time comparison; hashing first makes the lengths equal. */
export function statesMatch(expected: string, received: string): boolean {
  const a = createHash("sha256").update(expected).digest();
  const b = createHash("sha256").update(received).digest();
  return timingSafeEqual(a, b);
}
