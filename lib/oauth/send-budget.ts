import "server-only";
import { isAppError } from "@/lib/http/app-error";
import { log } from "@/lib/log/logger";
import { ASSETS } from "@/lib/ramp/catalog";
import { appSendsAmong } from "./app-sends";
import type { CoinbaseAccount, CoinbaseAuthInfo } from "./coinbase-api";
import { SEND_LIMIT_PERIODS, type SendLimitPeriod } from "./scopes";
import {
  PERIOD_MS,
  fromCents,
  remainingCents,
  usedCents,
  valueInCents,
  type PastSend,
  type SendLimit,
} from "./send-limit";
import {
  listTransactionsSince,
  noPriceFor,
  spotPrice,
  type CoinbaseTransaction,
} from "./transactions-api";

/** The granted send limit and, when the app may read transactions, how much of it is left. */
export interface SendBudget {
  limit: SendLimit;
  /** In cents of the limit's currency; absent without `wallet:transactions:read`, or `uncounted`. */
  usedCents?: number;
  remainingCents?: number;
  /**
   * Why the period's sends could not be added up although they could be read: one is valued
   * in another currency than the limit's and has no price in it now, or there were more than
   * the pages read, or (on /account only) they could not be read just now. The app does not
   * guess a figure; with `other_currency` it does not send.
   */
  uncounted?: "other_currency" | "too_many" | "unread";
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
 * What is left of the limit over its rolling window: the limit minus every send this app made
 * in it from the shared accounts (by their `native_amount` when in the limit's currency),
 * pending ones included. Sends the user made in Coinbase's own app are not the app's to count
 * (app-sends.ts); should the app's record be out of reach, every send counts.
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
  // Only an account this app can send from holds its sends (send-crypto.ts refuses the rest).
  // A user who shared all their accounts has one per asset Coinbase lists, hundreds: a list
  // call for each, on every /account view and send, would spend their hourly allowance.
  const sendable = accounts.filter((a) => ASSETS.some((asset) => asset.symbol === a.currency));
  const lists = await Promise.all(
    sendable.map((a) => listTransactionsSince(accessToken, a.id, since)),
  );
  if (lists.some((l) => !l.complete)) return { limit, uncounted: "too_many" };
  const sent = lists
    .flatMap((l) => l.transactions)
    // Crypto received is a "send" too, with a positive amount: only what left counts.
    .filter((t) => t.type === "send" && t.amount.amount.startsWith("-"))
    .filter((t) => !NOT_SPENT.has(t.status))
    .filter((t) => Date.parse(t.createdAt) > since);
  const spent = await appSendsAmong(sent);
  const sends = await inLimitCurrency(accessToken, limit, spent);
  if (!sends) return { limit, uncounted: "other_currency" };
  return {
    limit,
    usedCents: usedCents(limit, sends, now),
    remainingCents: remainingCents(limit, sends, now),
  };
}

/**
 * Each send's value in the limit's currency. Coinbase values a send in the user's own
 * currency (`native_amount`), which need not be the limit's: such a send is valued by its
 * crypto amount at today's spot price instead, an estimate rather than a send left out.
 * Undefined when one has no price in the limit's currency.
 */
async function inLimitCurrency(
  accessToken: string,
  limit: SendLimit,
  spent: CoinbaseTransaction[],
): Promise<PastSend[] | undefined> {
  const prices = new Map<string, Promise<string | undefined>>();
  const priceOf = (currency: string) => {
    if (!prices.has(currency))
      prices.set(
        currency,
        spotPrice(accessToken, currency, limit.currency).catch((error: unknown) => {
          // Coinbase busy or slow: an outage to try again, not a send that cannot be valued
          // (which would refuse every send, in words that sound final).
          if (!noPriceFor(error)) throw error;
          const code = isAppError(error) ? error.code : undefined;
          log("warn", "spot_price_unavailable", { currency, fiat: limit.currency, code });
          return undefined;
        }),
      );
    return prices.get(currency)!;
  };
  const sends = await Promise.all(
    spent.map(async (t) => {
      const createdAt = Date.parse(t.createdAt);
      if (t.nativeAmount?.currency === limit.currency)
        return { amount: t.nativeAmount.amount, createdAt };
      const price = await priceOf(t.amount.currency);
      const cents =
        price === undefined ? undefined : valueInCents(t.amount.amount.replace(/^-/, ""), price);
      return cents === undefined ? undefined : { amount: fromCents(cents), createdAt };
    }),
  );
  return sends.every((s) => s !== undefined) ? sends : undefined;
}
