import { FIAT_CURRENCY_CODES } from "./catalog";

/**
 * Amounts as people read them, the same on every page and in every message: money as
 * "$1,234.50" or "€2.00" (its symbol, cents always shown), crypto as "0.39458 ETH" or
 * "1,250.50 USDC" (grouped, with Coinbase's padding zeros past the second decimal gone).
 * Formatted from the decimal string itself, never through a float, so no digit that carries
 * value is dropped or rounded. Browser-safe.
 */

const FIAT = new Set<string>(FIAT_CURRENCY_CODES);
// Intl rounds to at most this many decimals: more than Coinbase ever sends (18 for ETH).
const EVERY_DECIMAL = 20;
const PLAIN_DECIMAL = /^\d+(\.\d+)?$/;

/** "28.78000000" → "28.78", "1.00000000" → "1.00", "0.01550000" → "0.0155". */
export function trimAmount(value: string): string {
  return value.replace(/^(\d+\.\d\d\d*?)0+$/, "$1");
}

function decimalsOf(value: string): number {
  const point = value.indexOf(".");
  return point < 0 ? 0 : value.length - point - 1;
}

/** `value` of `currency` as people read it: "$7,500.00", "¥5,000", "0.0155 ETH". */
export function moneyAmount(value: string | number, currency: string): string {
  const text = String(value).trim();
  // Not a plain decimal (an exponent, a sign): shown as it came rather than guessed at.
  if (!PLAIN_DECIMAL.test(text)) return `${text} ${currency}`;
  if (FIAT.has(currency)) {
    return new Intl.NumberFormat("en-US", {
      style: "currency",
      currency,
      maximumFractionDigits: EVERY_DECIMAL,
    }).format(text as Intl.StringNumericLiteral);
  }
  const kept = trimAmount(text);
  const decimals = decimalsOf(kept);
  const grouped = new Intl.NumberFormat("en-US", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(kept as Intl.StringNumericLiteral);
  return `${grouped} ${currency}`;
}

/** `moneyAmount` of an amount that may be missing: `fallback` when there is none yet. */
export function moneyText(
  m: { value: string; currency: string } | undefined,
  fallback = "",
): string {
  return m ? moneyAmount(m.value, m.currency) : fallback;
}

/**
 * An estimated sum (a float worked out from a quote): money to the currency's own decimals,
 * "$30.93", "¥4,639"; crypto as `aboutCrypto` gives it, "0.0166667 ETH". An exact amount
 * Coinbase sent goes through `moneyAmount`.
 */
export function aboutMoney(value: number, currency: string): string {
  if (!FIAT.has(currency)) return moneyAmount(aboutCrypto(value), currency);
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(value);
}

/**
 * An estimated crypto amount (a float worked out from a quote) as the plain decimal that both
 * the quote panel shows and the amount field takes, so the two never differ: six significant
 * digits, no more decimals than Coinbase quotes (8), the integer part whole. "0.0166667",
 * "0.00083333", "1234.57".
 */
export function aboutCrypto(value: number): string {
  const wholeDigits = Math.floor(Math.log10(Math.abs(value))) + 1;
  const decimals = Math.min(Math.max(6 - wholeDigits, 0), 8);
  const text = value.toFixed(decimals);
  return decimals > 0 ? text.replace(/\.?0+$/, "") : text;
}
