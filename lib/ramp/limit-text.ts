import { CASHOUT_METHODS, PAYMENT_METHODS } from "./catalog";
import { moneyAmount } from "./money-text";

/**
 * How a method's limit is told to a user, the same whether the form found it (from the
 * options) or Coinbase refused a quote for it: "The minimum for debit card is $2.00".
 * Browser-safe.
 */

const NAMES = new Map<string, string>(
  [...PAYMENT_METHODS, ...CASHOUT_METHODS].map((m) => [m.id, m.name]),
);
// Names that start with a brand keep their capital mid-sentence ("for Apple Pay").
const BRAND = /^(Apple|Google|PayPal|Coinbase)\b/;

/** A method's name as it reads mid-sentence: "debit card", "Coinbase cash balance". */
export function methodInSentence(id: string): string {
  const name = NAMES.get(id) ?? id;
  return BRAND.test(name) ? name : name.charAt(0).toLowerCase() + name.slice(1);
}

/**
 * `worth`: what an amount typed in crypto came to. The limit is in money and the amount
 * was not, so the message says both (the form and the server say it alike).
 */
export function limitText(
  which: "min" | "max",
  method: string,
  value: string | number,
  currency: string,
  worth?: { value: string | number; currency: string },
): string {
  const word = which === "min" ? "minimum" : "maximum";
  const text = `The ${word} for ${methodInSentence(method)} is ${moneyAmount(value, currency)}`;
  return worth
    ? `${text} (this amount is worth ${moneyAmount(worth.value, worth.currency)})`
    : text;
}

/**
 * A method's limits as the form shows them under the amount: "Debit card: $2.00 to
 * $7,500.00". `inAsset`: the amount is typed in crypto, so the limits are on its worth.
 */
export function limitRange(
  method: string,
  limit: { min: string; max: string },
  currency: string,
  inAsset: boolean,
): string {
  const range = `${moneyAmount(limit.min, currency)} to ${moneyAmount(limit.max, currency)}`;
  return `${NAMES.get(method) ?? method}: ${range}${inAsset ? " worth" : ""}.`;
}
