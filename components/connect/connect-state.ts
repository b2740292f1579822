import type { AuthorizeQuery } from "@/lib/oauth/authorize-schema";
import { typedDecimal } from "@/lib/ramp/typed-decimal";
import {
  SEND_LIMIT_ADVISED_MAX_USD,
  SEND_LIMIT_AMOUNT,
  SEND_LIMIT_DEFAULT_CEILING_USD,
  SEND_SCOPE,
  type AccountAccess,
  type SendLimitCurrency,
  type SendLimitPeriod,
} from "@/lib/oauth/scopes";

/** What the connect form holds, as the user set it. */
export interface ConnectValues {
  scopes: string[];
  account: AccountAccess;
  accountCurrency: string;
  sendAmount: string;
  /** Chosen from SEND_LIMIT_CURRENCIES: the form offers no other. */
  sendCurrency: SendLimitCurrency;
  sendPeriod: SendLimitPeriod;
}

/** The query `/api/oauth/authorize` takes: fields that do not apply are left out. */
export function toAuthorizeQuery(v: ConnectValues): Record<string, string> {
  const query: Record<string, string> = { scope: v.scopes.join(","), account: v.account };
  if (v.account === "select" && v.accountCurrency.trim())
    query.account_currency = v.accountCurrency.trim().toUpperCase();
  if (v.scopes.includes(SEND_SCOPE)) {
    // As the buy form reads amounts: "50,50" from a comma keypad is 50.50, "1 000" is 1000.
    query.send_limit_amount = typedDecimal(v.sendAmount);
    query.send_limit_currency = v.sendCurrency;
    query.send_limit_period = v.sendPeriod;
  }
  return query;
}

/** A best-effort parsed query for the live preview, valid or not yet. */
export function previewQuery(v: ConnectValues): AuthorizeQuery {
  const q = toAuthorizeQuery(v);
  return {
    scope: v.scopes,
    account: v.account,
    account_currency: q.account_currency
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    send_limit_amount: q.send_limit_amount || undefined,
    send_limit_currency: v.scopes.includes(SEND_SCOPE) ? v.sendCurrency : undefined,
    send_limit_period: q.send_limit_period as SendLimitPeriod | undefined,
  };
}

/** The seed's advice on send limits, as warnings the form shows. */
export function sendLimitWarnings(amount: string, currency: string): string[] {
  // None beside an amount refused: the refusal is what to read.
  const typed = typedDecimal(amount);
  if (!SEND_LIMIT_AMOUNT.test(typed)) return [];
  const value = Number(typed);
  if (value <= 0) return [];
  if (currency.toUpperCase() !== "USD") {
    return [
      `New applications are limited to the equivalent of ${SEND_LIMIT_DEFAULT_CEILING_USD} USD per user; keep the limit modest.`,
    ];
  }
  const warnings: string[] = [];
  if (value > SEND_LIMIT_ADVISED_MAX_USD)
    warnings.push(
      `Above ${SEND_LIMIT_ADVISED_MAX_USD} USD: more than most apps should ask for. Users can raise the limit themselves later.`,
    );
  else if (value > SEND_LIMIT_DEFAULT_CEILING_USD)
    warnings.push(
      `Above ${SEND_LIMIT_DEFAULT_CEILING_USD} USD: new applications are capped at ${SEND_LIMIT_DEFAULT_CEILING_USD} USD per user until Coinbase raises the app's limit.`,
    );
  return warnings;
}
