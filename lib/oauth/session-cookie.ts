import "server-only";
import { cookieName, cookieOptions, seal, unseal } from "@/lib/security/sealed-cookie";
import {
  SEND_LIMIT_PERIODS,
  isAccountAccess,
  isAccountCurrencyList,
  type AccountAccess,
} from "./scopes";
import type { SendLimit } from "./send-limit";

/** The signed-in user's Coinbase tokens: only ever inside this sealed, httpOnly cookie. */
export interface OAuthSession {
  accessToken: string;
  refreshToken?: string;
  /** Epoch milliseconds when the access token expires. */
  expiresAt: number;
  scopes: string[];
  /**
   * The grant's send limit as Coinbase stated it after the callback (`/v2/user/auth`'s
   * `oauth_meta`), kept through renewals (same grant): "Ask for more permissions" starts from it.
   */
  sendLimit?: SendLimit;
  /**
   * The account access the grant was asked with (select, new, all), which Coinbase's API does
   * not state: "Ask for more permissions" asks with it again. Absent in cookies sealed before.
   */
  accountAccess?: AccountAccess;
  /** The currencies that access was narrowed to (`account_currency`, with `select`), if any. */
  accountCurrency?: string[];
  /**
   * The app user signed in when Coinbase was connected, if any: the session is theirs only
   * (see session-owner.ts). Absent when connected without signing in to the app.
   */
  userId?: string;
}

// Without a refresh token the session ends with its access token. With one ("Stay connected")
// it is kept as long as a browser keeps a cookie (400 days, Chrome's cap; the refresh token
// lasts 1.5 years): a user back after months, or signing in again after their app session
// ran out, finds the connection to use or disconnect. A shorter cookie, once gone, would
// leave Coinbase's grant alive and out of everyone's reach.
const REFRESHABLE_TTL_SECONDS = 400 * 24 * 60 * 60;

export const sessionCookieName = () => cookieName("cb_session");

export async function sealSession(session: OAuthSession) {
  const ttl = session.refreshToken
    ? REFRESHABLE_TTL_SECONDS
    : Math.max(60, Math.ceil((session.expiresAt - Date.now()) / 1000));
  const value = await seal("oauth-session", { ...session }, ttl);
  return { name: sessionCookieName(), value, options: cookieOptions(ttl) };
}

export async function unsealSession(value: string | undefined): Promise<OAuthSession | null> {
  const p = await unseal("oauth-session", value);
  if (
    !p ||
    typeof p.accessToken !== "string" ||
    typeof p.expiresAt !== "number" ||
    !Array.isArray(p.scopes)
  )
    return null;
  return {
    accessToken: p.accessToken,
    refreshToken: typeof p.refreshToken === "string" ? p.refreshToken : undefined,
    expiresAt: p.expiresAt,
    scopes: p.scopes.filter((s): s is string => typeof s === "string"),
    ...(isSendLimit(p.sendLimit) ? { sendLimit: p.sendLimit } : {}),
    ...(isAccountAccess(p.accountAccess) ? { accountAccess: p.accountAccess } : {}),
    ...(isAccountCurrencyList(p.accountCurrency) ? { accountCurrency: p.accountCurrency } : {}),
    ...(typeof p.userId === "string" ? { userId: p.userId } : {}),
  };
}

function isSendLimit(v: unknown): v is SendLimit {
  const l = (v ?? {}) as Record<string, unknown>;
  return (
    typeof l.amount === "string" &&
    typeof l.currency === "string" &&
    (SEND_LIMIT_PERIODS as readonly unknown[]).includes(l.period)
  );
}

/**
 * Refresh a moment early so a token does not die between our check and Coinbase's; a
 * token that dies anyway is caught by the 401 it earns, which also leads to a refresh.
 */
export function needsRefresh(session: OAuthSession, now = Date.now()): boolean {
  return session.expiresAt - now < 1_000;
}
