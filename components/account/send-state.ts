import { checkAddress } from "@/lib/ramp/addresses";
import { EMAIL } from "@/lib/oauth/recipient";
import {
  PERIOD_WINDOW,
  fromCents,
  isMoreThan,
  mostWithin,
  sendDecimals,
  tooManyDecimals,
  valueInCents,
} from "@/lib/oauth/send-limit";
import { moneyAmount } from "@/lib/ramp/money-text";
import type { SendBudget } from "@/lib/oauth/send-budget";

// What a send's amount may be: up to 8 decimals, as SendSchema takes it.
const SEND_AMOUNT = /^\d{1,12}(\.\d{1,8})?$/;

/** What the send form holds, as the user set it. */
export interface SendValues {
  accountId: string;
  network: string;
  to: string;
  amount: string;
}

/** A kept draft of the form (session-draft.ts), for an account and network still offered. */
export function keptSendDraft(
  kept: unknown,
  accounts: readonly { id: string; networks: readonly string[] }[],
): SendValues | null {
  const d = (kept ?? {}) as Record<string, unknown>;
  const fields = [d.accountId, d.network, d.to, d.amount];
  if (!fields.every((f) => typeof f === "string")) return null;
  const account = accounts.find((a) => a.id === d.accountId);
  return account?.networks.includes(d.network as string) ? (kept as SendValues) : null;
}

/** Per field; `code`: the two-step code, refused by the form or by Coinbase. */
export type SendErrors = Partial<Record<keyof SendValues | "code", string>>;

/**
 * Checks made in the browser before anything is sent: the recipient for the network, the
 * balance, and what is left of the limit. The server checks it all again.
 */
export function checkSend(
  values: SendValues,
  account: { balance: string; currency: string } | undefined,
  limit: { currency: string; period: string; remainingCents?: number } | undefined,
  price: string | undefined,
): SendErrors {
  const errors: SendErrors = {};
  if (!account) errors.accountId = "Choose an account";
  const to = values.to.trim();
  if (!to) errors.to = "Enter an address or an email";
  else if (!EMAIL.test(to)) {
    const check = checkAddress(values.network, to);
    if (!check.ok) errors.to = check.reason;
  }
  const amount = values.amount.trim();
  if (!SEND_AMOUNT.test(amount) || Number(amount) <= 0) {
    errors.amount = "Enter an amount such as 20 or 0.05";
  } else if (account && tooManyDecimals(amount, account.currency)) {
    errors.amount = tooManyDecimals(amount, account.currency);
  } else if (account && Number(amount) > Number(account.balance)) {
    errors.amount = `Not enough ${account.currency}: this account holds ${moneyAmount(account.balance, account.currency)}`;
  } else if (limit?.remainingCents !== undefined && price) {
    const value = valueInCents(amount, price);
    if (value === undefined || value > limit.remainingCents) {
      errors.amount = `Over your send limit: about ${moneyAmount(fromCents(value ?? 0), limit.currency)}, and ${moneyAmount(fromCents(limit.remainingCents), limit.currency)} is left now`;
    }
  }
  return errors;
}

/**
 * The line under the amount, while it is typed: what it is worth in the limit's currency
 * and, before an amount, the most the limit still allows (when less than the balance), so
 * the user need not press Send to learn either. Nothing without a price.
 */
export function sendAmountHint(
  amount: string,
  account: { balance: string; currency: string } | undefined,
  limit: { currency: string; period: string; remainingCents?: number } | undefined,
  price: string | undefined,
): string | undefined {
  if (!account || !limit || !price) return undefined;
  const left = limit.remainingCents;
  const leftText = left === undefined ? "" : moneyAmount(fromCents(left), limit.currency);
  const value = SEND_AMOUNT.test(amount) ? valueInCents(amount, price) : undefined;
  if (value === undefined || value === 0) {
    if (left === undefined) return undefined;
    if (left === 0) return "Nothing is left of your send limit now";
    const most = mostWithin(left, price, sendDecimals(account.currency));
    if (!most || !isMoreThan(account.balance, most)) return undefined;
    return `Your limit allows up to about ${most} ${account.currency} (${leftText} left now)`;
  }
  const worth = `About ${moneyAmount(fromCents(value), limit.currency)}`;
  if (left === undefined) return worth;
  return value > left
    ? `${worth}: more than the ${leftText} left now`
    : `${worth} of the ${leftText} left now`;
}

/** What /account says of the send limit: what is left of it, or why that is not known. */
export function sendLimitLine(budget: SendBudget): string {
  const limit = moneyAmount(budget.limit.amount, budget.limit.currency);
  if (budget.remainingCents !== undefined) {
    const left = moneyAmount(fromCents(budget.remainingCents), budget.limit.currency);
    // A rolling window (send-limit.ts): "this month" would promise it back on the 1st.
    const window = PERIOD_WINDOW[budget.limit.period];
    return `Left to send: ${left} of ${limit} per ${budget.limit.period}, counting sends of ${window}`;
  }
  const upTo = `Coinbase lets this app send up to ${limit} per ${budget.limit.period}`;
  // As the server does (send-crypto.ts): a past send it cannot value leaves the limit unchecked.
  if (budget.uncounted === "other_currency") {
    return `${upTo} (this app cannot value every past send in ${budget.limit.currency}, so it cannot tell what is left: sending is off until it can)`;
  }
  return budget.uncounted
    ? `${upTo} (what is left could not be worked out here: Coinbase checks it when you send)`
    : `${upTo} (grant wallet:transactions:read to see what is left)`;
}
