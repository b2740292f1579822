import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { priceSell } from "./pricing";
import { QUOTE_LIFETIME_MS, saveQuote, type SellQuote } from "./quote-store";
import { checkLimits, checkQuoteBasics, type Checked } from "./quote-rules";
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
  const basics = checkQuoteBasics(
    {
      asset: "sell_currency",
      network: "sell_network",
      currency: "cashout_currency",
      amount: "sell_amount",
      method: "payment_method",
    },
    {
      asset: input.sell_currency,
      network: input.sell_network,
      currency: input.cashout_currency,
      amount: input.sell_amount,
      method: input.payment_method,
      country: input.country,
      subdivision: input.subdivision,
    },
    cashoutMethods,
    18,
  );
  if (!basics.ok) return basics;
  const { region, asset, network, currency, method, amount } = basics.value;

  const { subtotal, ...figures } = priceSell({ asset, currency, method }, amount);
  const subject = `sell_amount ${figures.sell_amount.value} ${asset} (worth ${figures.cashout_subtotal.value} ${currency})`;
  const limited = checkLimits(subject, subtotal, method, currency);
  if (!limited.ok) return limited;

  const quote: SellQuote = {
    kind: "sell",
    quote_id: randomUUID(),
    createdAt: now,
    expiresAt: now + QUOTE_LIFETIME_MS,
    asset: asset,
    network: network,
    country: region.country,
    subdivision: region.subdivision,
    cashout_currency: currency,
    payment_method: method,
    ...figures,
  };
  saveQuote(quote);
  return { ok: true, value: quote };
}
