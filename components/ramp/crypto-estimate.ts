import type { Region } from "@/lib/ramp/countries";
import { findLimit, type RampOptions } from "@/lib/ramp/options";
import { estimatedCost, referencePayment } from "@/lib/ramp/crypto-worth";
import type { Quote, QuoteRequest } from "@/lib/ramp/quote-schema";
import { isPlainDecimal, typedDecimal } from "@/lib/ramp/typed-decimal";
import { type RampFormValues, type Side, toQuoteRequest } from "./form-state";

/**
 * A purchase typed in the asset (0.01 ETH). Coinbase quotes purchases from a fiat total
 * only, so the form prices a reference amount of the currency and scales it: the user sees
 * about what the amount costs, and an amount worth less than the method's minimum (1e-18
 * ETH) is refused here rather than on Coinbase's page. The reference quote prices another
 * amount: it is never carried in the URL. Null when the amount is not one to price.
 */
export function referenceRequest(
  values: RampFormValues,
  region: Region,
  options: RampOptions,
): QuoteRequest | null {
  const amount = typedDecimal(values.amount);
  if (values.amountIn !== "crypto" || !isPlainDecimal(amount) || !(Number(amount) > 0)) return null;
  const reference = referencePayment(findLimit(options, values.fiatCurrency, values.method));
  return toQuoteRequest("buy", { ...values, amountIn: "fiat", amount: reference }, region);
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
