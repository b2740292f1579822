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

/** What `cryptoAmount` costs at the quote's rate, fees included, in the quote's currency. */
export function estimatedCost(quote: Quote, cryptoAmount: string): number | null {
  const rate = Number(quote.pay.value) / Number(quote.receive.value);
  const cost = Number(typedDecimal(cryptoAmount)) * rate;
  return Number.isFinite(cost) ? cost : null;
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
