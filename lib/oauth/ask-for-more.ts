import type { OAuthSession } from "./session-cookie";
import {
  SCOPE_IDS,
  SEND_LIMIT_DEFAULT_CURRENCY,
  SEND_LIMIT_PERIODS,
  SEND_SCOPE,
  isSendLimitCurrency,
  type AccountAccess,
  type SendLimitCurrency,
  type SendLimitPeriod,
} from "./scopes";

export interface KeptGrant {
  /** Shown ticked and locked on the form ("already granted: kept"), and asked for again. */
  granted: string[];
  /** The send limit the grant holds: the form's starting limit, which the user may change. */
  grantedLimit?: { amount: string; currency: SendLimitCurrency; period: SendLimitPeriod };
  /**
   * The account access the grant was asked with: the form starts on it. Another would share
   * other accounts instead (for `new`, lose the account Coinbase made for the app).
   */
  grantedAccess?: AccountAccess;
  /** The currencies `select` was narrowed to, as the form's field reads them ("BTC,ETH"). */
  grantedAccountCurrency?: string;
}

type Query = Record<string, string | string[] | undefined>;

/**
 * What "Ask for more permissions" (/account's link, /connect?add=…) keeps of the current
 * grant. The link names the scopes granted, but anyone can make such a link: a scope counts as
 * granted only when this browser's own Coinbase session holds it, and the send limit is the
 * one Coinbase stated for the grant (sealed in the session at the callback), never a link's; so
 * is the account access, the one the grant was asked with, and the currencies it was narrowed to.
 * Otherwise a link could tick a sensitive scope, lock it as "already granted" so the user
 * cannot untick it, or start the form on a limit of its choosing, and ask Coinbase for it.
 */
export function keptGrant(
  query: Query,
  session: Pick<OAuthSession, "scopes" | "sendLimit" | "accountAccess" | "accountCurrency"> | null,
): KeptGrant {
  const held = new Set(session?.scopes ?? []);
  const granted = (typeof query.add === "string" ? query.add : "")
    .split(",")
    .filter((s) => SCOPE_IDS.includes(s) && held.has(s));
  // Nothing kept (no session, or a link naming nothing it holds): a new connection's form.
  const access = granted.length && session?.accountAccess;
  // Without them, asking again would offer, and share, accounts in every currency.
  const currencies = access === "select" && session?.accountCurrency?.join(",");
  const kept = {
    granted,
    ...(access ? { grantedAccess: access } : {}),
    ...(currencies ? { grantedAccountCurrency: currencies } : {}),
  };
  const limit = session?.sendLimit;
  if (!granted.includes(SEND_SCOPE) || !limit || !/^\d{1,9}(\.\d{1,2})?$/.test(limit.amount)) {
    return kept;
  }
  return {
    ...kept,
    grantedLimit: {
      amount: limit.amount,
      // One the form offers (Coinbase may hold another): else the form's default.
      currency: isSendLimitCurrency(limit.currency) ? limit.currency : SEND_LIMIT_DEFAULT_CURRENCY,
      // A period outside the list (a cookie sealed by an older build): the form's default.
      period: SEND_LIMIT_PERIODS.includes(limit.period) ? limit.period : "month",
    },
  };
}

/**
 * "Ask for more permissions": /connect with the scopes granted named (`keptGrant` keeps those
 * this browser's session holds).
 */
export function askForMoreHref(scopes: readonly string[]): string {
  return `/connect?${new URLSearchParams({ add: scopes.join(",") })}`;
}
