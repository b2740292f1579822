import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { priceSell } from "./pricing";
import { QUOTE_LIFETIME_MS, saveQuote, type SellQuote } from "./quote-store";
import {
  checkAmount,
  checkAssetOnNetwork,
  checkCurrency,
  checkLimits,
  checkMethod,
  checkRegion,
  type Checked,
} from "./quote-rules";
import { cashoutMethods } from "./regions";

export const SellQuoteRequestSchema = z.object({
  sell_currency: z.string(),
  sell_network: z.string(),
  sell_amount: z.string(),
  cashout_currency: z.string(),
  payment_method: z.string(),
  country: z.string(),
  subdivision: z.string().optional(),
});
export type SellQuoteRequest = z.infer<typeof SellQuoteRequestSchema>;

/**
 * Validates a sell quote request, prices it and stores it for 2 minutes. The cash-out
 * method's limits apply to the fiat value of what is sold (the subtotal).
 */
export function createSellQuote(input: SellQuoteRequest, now = Date.now()): Checked<SellQuote> {
  const region = checkRegion(input.country, input.subdivision);
  if (!region.ok) return region;
  const pair = checkAssetOnNetwork(
    { asset: "sell_currency", network: "sell_network" },
    input.sell_currency,
    input.sell_network,
    region.value,
  );
  if (!pair.ok) return pair;
  const currency = checkCurrency("cashout_currency", input.cashout_currency, region.value);
  if (!currency.ok) return currency;
  const method = checkMethod(
    "payment_method",
    input.payment_method,
    cashoutMethods(region.value),
    region.value,
  );
  if (!method.ok) return method;
  const amount = checkAmount("sell_amount", input.sell_amount, 18);
  if (!amount.ok) return amount;

  const { subtotal, ...figures } = priceSell(
    { asset: pair.value.asset, currency: currency.value, method: method.value },
    amount.value,
  );
  const subject = `sell_amount ${figures.sell_amount.value} ${pair.value.asset} (worth ${figures.cashout_subtotal.value} ${currency.value})`;
  const limited = checkLimits(subject, subtotal, method.value, currency.value);
  if (!limited.ok) return limited;

  const quote: SellQuote = {
    kind: "sell",
    quote_id: randomUUID(),
    createdAt: now,
    expiresAt: now + QUOTE_LIFETIME_MS,
    asset: pair.value.asset,
    network: pair.value.network,
    country: region.value.country,
    subdivision: region.value.subdivision,
    cashout_currency: currency.value,
    payment_method: method.value,
    ...figures,
  };
  saveQuote(quote);
  return { ok: true, value: quote };
}
