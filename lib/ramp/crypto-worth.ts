import type { MethodLimit, Side } from "./options";
import type { Quote } from "./quote-schema";
import { typedDecimal } from "./typed-decimal";

/**
 * What an amount of the asset comes to in money, from a Coinbase quote for the same asset,
 * method, currency and region (of any amount): the figure Coinbase holds against a method's
 * limits. The form (for its estimate and its limits) and the server (before minting) measure
 * it alike. Browser-safe.
 */

/**
 * What a purchase typed in the asset is priced from: Coinbase quotes purchases from a fiat
 * total only, so a quote for this much of the currency (100, within the method's limits so
 * that the reference itself is not refused), its rate then applied to the crypto amount.
 */
export function referencePayment(limit: Pick<MethodLimit, "min" | "max"> | undefined): string {
  const REFERENCE = 100;
  if (!limit) return String(REFERENCE);
  return String(Math.min(Math.max(REFERENCE, Number(limit.min)), Number(limit.max)));
}

/**
 * What `cryptoAmount` costs, fees included, in the quote's currency. The fees do not grow
 * with the amount alike: the network fee is a fixed sum, Coinbase's fee a share of what the
 * user pays. So the crypto is priced at the quote's exchange rate (its subtotal over what it
 * buys), the network fee added, and the sum grossed up by the fee's share of the quote's
 * total. (Scaling the whole quote instead spread the fixed fee over the amount: 0.001 ETH
 * came out a third under its cost, and a large purchase over the method's maximum.)
 */
export function estimatedCost(quote: Quote, cryptoAmount: string): number | null {
  const price = Number(quote.subtotal.value) / Number(quote.receive.value);
  const networkFee = Number(quote.networkFee?.value ?? 0);
  const feeShare = Number(quote.coinbaseFee.value) / Number(quote.pay.value);
  const cost = (Number(typedDecimal(cryptoAmount)) * price + networkFee) / (1 - feeShare);
  return Number.isFinite(cost) && cost > 0 ? cost : null;
}

/**
 * What Coinbase values `cryptoAmount` at against the method's limits, to the currency's own
 * decimals: a purchase at what it costs (`estimatedCost`), a sale at its worth before
 * Coinbase's fee (the subtotal) at the quote's rate. Null when the quote gives no price.
 */
export function cryptoWorth(side: Side, quote: Quote, cryptoAmount: string): number | null {
  const worth =
    side === "buy"
      ? estimatedCost(quote, cryptoAmount)
      : (Number(typedDecimal(cryptoAmount)) * Number(quote.subtotal.value)) /
        Number(quote.pay.value);
  if (worth === null || !Number.isFinite(worth) || worth < 0) return null;
  const format = new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: quote.subtotal.currency,
  });
  const scale = 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2);
  return Math.round(worth * scale) / scale;
}
