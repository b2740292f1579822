import type { Region } from "@/lib/ramp/countries";
import { findLimit, type RampOptions } from "@/lib/ramp/options";
import type { Quote, QuoteRequest } from "@/lib/ramp/quote-schema";
import { isPlainDecimal, typedDecimal } from "@/lib/ramp/typed-decimal";
import { type RampFormValues, type Side, toQuoteRequest } from "./form-state";

/**
 * A purchase typed in the asset (0.01 ETH). Coinbase quotes purchases from a fiat total
 * only, so the form prices a reference amount of the currency and scales it: the user sees
 * about what the amount costs, and an amount worth less than the method's minimum (1e-18
 * ETH) is refused here rather than on Coinbase's page. The reference quote prices another
 * amount: it is never carried in the URL.
 */
const REFERENCE = 100;

/** The quote to ask for the estimate, or null when the amount is not one to price. */
export function referenceRequest(
  values: RampFormValues,
  region: Region,
  options: RampOptions,
): QuoteRequest | null {
  const amount = typedDecimal(values.amount);
  if (values.amountIn !== "crypto" || !isPlainDecimal(amount) || !(Number(amount) > 0)) return null;
  // Within the method's limits, so that the reference itself is not refused.
  const limit = findLimit(options, values.fiatCurrency, values.method);
  const reference = limit
    ? Math.min(Math.max(REFERENCE, Number(limit.min)), Number(limit.max))
    : REFERENCE;
  return toQuoteRequest("buy", { ...values, amountIn: "fiat", amount: String(reference) }, region);
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
 * What an amount typed in the asset is worth in the currency, from the quote on screen, for
 * the method's limits: a purchase's estimated cost, or what Coinbase values a sale at (its
 * subtotal, the figure its limits are checked against). Null for a fiat amount or no quote.
 */
export function amountWorth(
  side: Side,
  values: RampFormValues,
  quote: Quote | null,
): number | null {
  if (values.amountIn !== "crypto" || !quote) return null;
  return side === "buy" ? estimatedCost(quote, values.amount) : Number(quote.subtotal.value);
}
