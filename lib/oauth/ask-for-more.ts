import {
  SCOPE_IDS,
  SEND_LIMIT_DEFAULT_CURRENCY,
  SEND_LIMIT_PERIODS,
  SEND_SCOPE,
  isSendLimitCurrency,
  type SendLimitCurrency,
  type SendLimitPeriod,
} from "./scopes";

export interface KeptGrant {
  /** Shown ticked and locked on the form ("already granted: kept"), and asked for again. */
  granted: string[];
  /** The send limit the grant holds: the form's starting limit, which the user may change. */
  grantedLimit?: { amount: string; currency: SendLimitCurrency; period: SendLimitPeriod };
}

type Query = Record<string, string | string[] | undefined>;

/**
 * What "Ask for more permissions" (/account's link, /connect?add=…&limit=…) keeps of the
 * current grant. The link says what was granted, but anyone can make such a link: a scope
 * counts as granted only when this browser's own Coinbase session holds it, and a send limit
 * only with the send scope. Otherwise a link could tick a sensitive scope, lock it as
 * "already granted" so the user cannot untick it, and ask Coinbase for it.
 */
export function keptGrant(query: Query, sessionScopes: readonly string[] | undefined): KeptGrant {
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  const held = new Set(sessionScopes ?? []);
  const granted = text(query.add)
    .split(",")
    .filter((s) => SCOPE_IDS.includes(s) && held.has(s));
  if (!granted.includes(SEND_SCOPE) || !/^\d{1,9}(\.\d{1,2})?$/.test(text(query.limit))) {
    return { granted };
  }
  const currency = text(query.limit_currency);
  const period = text(query.limit_period) as SendLimitPeriod;
  return {
    granted,
    grantedLimit: {
      amount: text(query.limit),
      // One the form offers (a link may carry any): else the form's default.
      currency: isSendLimitCurrency(currency) ? currency : SEND_LIMIT_DEFAULT_CURRENCY,
      period: SEND_LIMIT_PERIODS.includes(period) ? period : "month",
    },
  };
}
