import "server-only";
import type { CoinbaseAccount, CoinbaseAuthInfo } from "./coinbase-api";
import { SEND_LIMIT_PERIODS, type SendLimitPeriod } from "./scopes";
import { PERIOD_MS, remainingCents, usedCents, type SendLimit } from "./send-limit";
import { listTransactionsSince } from "./transactions-api";

/** The granted send limit and, when the app may read transactions, how much of it is left. */
export interface SendBudget {
  limit: SendLimit;
  /** In cents of the limit's currency; absent without `wallet:transactions:read`, or `uncounted`. */
  usedCents?: number;
  remainingCents?: number;
  /**
   * Why the period's sends could not be added up although they could be read: one is valued
   * in another currency than the limit's, or there were more than the pages read. Coinbase
   * still checks the limit when the user sends; the app does not guess a figure.
   */
  uncounted?: "other_currency" | "too_many";
}

const NOT_SPENT = new Set(["failed", "canceled", "expired"]);

/** The limit as granted (`/v2/user/auth`'s `oauth_meta`), not as asked for. */
export function grantedLimit(auth: CoinbaseAuthInfo): SendLimit | undefined {
  const { send_limit_amount: amount, send_limit_currency: currency } = auth.oauthMeta;
  if (!amount || !currency) return undefined;
  const period = auth.oauthMeta.send_limit_period as SendLimitPeriod;
  return { amount, currency, period: SEND_LIMIT_PERIODS.includes(period) ? period : "month" };
}

/**
 * What is left of the limit this period: the limit minus every send the shared accounts
 * made in it (by their `native_amount`, in the limit's currency), pending ones included.
 */
export async function loadSendBudget(
  accessToken: string,
  auth: CoinbaseAuthInfo,
  accounts: CoinbaseAccount[],
  now = Date.now(),
): Promise<SendBudget | undefined> {
  const limit = grantedLimit(auth);
  if (!limit) return undefined;
  if (!auth.scopes.includes("wallet:transactions:read")) return { limit };
  const since = now - PERIOD_MS[limit.period];
  const lists = await Promise.all(
    accounts.map((a) => listTransactionsSince(accessToken, a.id, since)),
  );
  if (lists.some((l) => !l.complete)) return { limit, uncounted: "too_many" };
  const spent = lists
    .flatMap((l) => l.transactions)
    // Crypto received is a "send" too, with a positive amount: only what left counts.
    .filter((t) => t.type === "send" && t.amount.amount.startsWith("-"))
    .filter((t) => !NOT_SPENT.has(t.status))
    .filter((t) => Date.parse(t.createdAt) > since);
  if (spent.some((t) => t.nativeAmount?.currency !== limit.currency))
    return { limit, uncounted: "other_currency" };
  const sends = spent.map((t) => ({
    amount: t.nativeAmount!.amount,
    createdAt: Date.parse(t.createdAt),
  }));
  return {
    limit,
    usedCents: usedCents(limit, sends, now),
    remainingCents: remainingCents(limit, sends, now),
  };
}
