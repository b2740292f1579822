import type { Region } from "@/lib/ramp/countries";
import type { Quote, QuoteRequest } from "@/lib/ramp/quote-schema";
import { isPlainDecimal, typedDecimal } from "@/lib/ramp/typed-decimal";
import { type RampFormValues, toQuoteRequest, typedAmount } from "./form-state";

/**
 * A sale typed in the currency (50 USD of ETH). Coinbase quotes sales from a crypto amount
 * only, so the form prices a reference amount of the asset and scales it: the user sees
 * about how much of the asset they will send. The reference must fit the method's limits,
 * which are in money, and the asset's price is not known before a quote: one unit first,
 * then a thousandth (bitcoin), then a thousand (a coin worth cents), until Coinbase quotes
 * one. The reference quote prices another amount: it is never carried in the URL.
 */
const REFERENCES = ["1", "0.001", "1000"];

/** The quote to ask at this step of the references, or null (nothing to price, or none left). */
export function saleReferenceRequest(
  values: RampFormValues,
  region: Region,
  step: number,
): QuoteRequest | null {
  const amount = typedAmount(values);
  const reference = REFERENCES[step];
  if (values.amountIn !== "fiat" || !isPlainDecimal(amount) || !(Number(amount) > 0)) return null;
  if (reference === undefined) return null;
  return toQuoteRequest("sell", { ...values, amountIn: "crypto", amount: reference }, region);
}

/**
 * How much of the asset is worth `fiatAmount` at the quote's rate: the amount sold against
 * its worth before Coinbase's fee (the subtotal, the figure the method's limits are about).
 */
export function estimatedSale(quote: Quote, fiatAmount: string): number | null {
  const rate = Number(quote.pay.value) / Number(quote.subtotal.value);
  const sold = Number(typedDecimal(fiatAmount)) * rate;
  return Number.isFinite(sold) && sold > 0 ? sold : null;
}
