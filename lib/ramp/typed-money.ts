import { typedDecimal } from "./typed-decimal";

/**
 * A money amount as people type it, read as the plain decimal the API takes, in the form's
 * currency: "$20" (USD), "€ 12,50" (EUR), "$1,000.50". Browser-safe. The API itself stays
 * strict (lib/ramp/amounts.ts): a partner's server sends what Coinbase takes, and only the
 * form knows which currency a sign was typed for.
 */

// The signs read as the currency's own, longest first: "US$" before "$". A "$" is a dollar of
// each currency that writes one so (a Canadian types "$20" for CAD).
const SIGNS: Record<string, string[]> = {
  USD: ["US$", "$"],
  CAD: ["CA$", "C$", "$"],
  EUR: ["€"],
  GBP: ["£"],
};

// A currency sign in front, with up to three letters before it ("R$", "MX$"), then spaces.
const LEADING_SIGN = /^([A-Za-z]{0,3}\p{Sc})\s*(.*)$/u;

// Commas between groups of three, as en-US writes them, and a decimal point after them only.
// Never after a lone 0: "0,500" is a comma keypad's decimals, as typedDecimal reads it.
const EN_US_GROUPS = /^[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/;

/**
 * The amount without its currency's sign and en-US thousands separators, read by
 * `typedDecimal` (comma keypads, spaces in groups). A money amount has two decimals at most,
 * so a comma before exactly three digits ("1,000") can only group thousands; after a sign of
 * another currency ("€20" in USD) it is left as typed, for the checks to refuse
 * (`otherCurrencySign` says why).
 */
export function typedMoney(text: string, currency: string): string {
  const trimmed = withoutOwnCode(text.trim(), currency);
  const signed = LEADING_SIGN.exec(trimmed);
  // A sign of another currency, or a sign alone: left for the checks to refuse.
  if (signed && (!signed[2] || otherCurrencySign(trimmed, currency))) return trimmed;
  const figures = signed ? signed[2]! : trimmed;
  return typedDecimal(EN_US_GROUPS.test(figures) ? figures.replace(/,/g, "") : figures);
}

/**
 * "20 USD" as the quick amounts write it ("25 USD"), or "20usd": the currency's own code after
 * the figures goes, with the spaces before it. Another code stays, for the checks to refuse.
 */
function withoutOwnCode(text: string, currency: string): string {
  const coded = /^(.*\d)\s*([A-Za-z]{3})$/.exec(text);
  return coded && coded[2]!.toUpperCase() === currency ? coded[1]! : text;
}

/** The sign in front of `text` when it is not one of `currency`'s ("€" in "€20" for USD). */
export function otherCurrencySign(text: string, currency: string): string | null {
  const sign = LEADING_SIGN.exec(text.trim())?.[1];
  return sign && !(SIGNS[currency] ?? []).includes(sign.toUpperCase()) ? sign : null;
}

/** What the form says of an amount typed with another currency's sign. */
export const otherCurrencyText = (sign: string, currency: string) =>
  `The amount is in ${currency}, and ${sign} is another currency's sign: enter the amount in ${currency}, e.g. 25.50`;
