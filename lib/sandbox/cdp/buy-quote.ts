import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { priceBuyByTotal } from "./pricing";
import { QUOTE_LIFETIME_MS, saveQuote, type BuyQuote } from "./quote-store";
import {
  checkAmount,
  checkAssetOnNetwork,
  checkCurrency,
  checkLimits,
  checkMethod,
  checkRegion,
  type Checked,
} from "./quote-rules";
import { paymentMethods } from "./regions";
import { format } from "./decimal";

export const BuyQuoteRequestSchema = z.object({
  purchase_currency: z.string(),
  purchase_network: z.string(),
  payment_amount: z.string(),
  payment_currency: z.string(),
  payment_method: z.string(),
  country: z.string(),
  subdivision: z.string().optional(),
});
export type BuyQuoteRequest = z.infer<typeof BuyQuoteRequestSchema>;

/** Validates a buy quote request as Coinbase does, prices it and stores it for 2 minutes. */
export function createBuyQuote(input: BuyQuoteRequest, now = Date.now()): Checked<BuyQuote> {
  const region = checkRegion(input.country, input.subdivision);
  if (!region.ok) return region;
  const pair = checkAssetOnNetwork(
    { asset: "purchase_currency", network: "purchase_network" },
    input.purchase_currency,
    input.purchase_network,
    region.value,
  );
  if (!pair.ok) return pair;
  const currency = checkCurrency("payment_currency", input.payment_currency, region.value);
  if (!currency.ok) return currency;
  const method = checkMethod(
    "payment_method",
    input.payment_method,
    paymentMethods(region.value),
    region.value,
  );
  if (!method.ok) return method;
  const amount = checkAmount("payment_amount", input.payment_amount, 2);
  if (!amount.ok) return amount;
  const limited = checkLimits(
    `payment_amount ${format(amount.value, 2)} ${currency.value}`,
    amount.value,
    method.value,
    currency.value,
  );
  if (!limited.ok) return limited;

  const { subtotal, ...figures } = priceBuyByTotal(
    { ...pair.value, currency: currency.value, method: method.value },
    amount.value,
  );
  if (subtotal <= 0n) {
    const fees = amount.value - subtotal;
    return {
      ok: false,
      message: `payment_amount ${figures.payment_total.value} ${currency.value} does not cover the fees of ${format(fees, 2)} ${currency.value}`,
    };
  }
  const quote: BuyQuote = {
    kind: "buy",
    quote_id: randomUUID(),
    createdAt: now,
    expiresAt: now + QUOTE_LIFETIME_MS,
    asset: pair.value.asset,
    network: pair.value.network,
    country: region.value.country,
    subdivision: region.value.subdivision,
    payment_currency: currency.value,
    payment_method: method.value,
    ...figures,
  };
  saveQuote(quote);
  return { ok: true, value: quote };
}
