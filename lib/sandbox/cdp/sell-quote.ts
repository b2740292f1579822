import "server-only";
import { z } from "zod";
import { priceSell } from "./pricing";
import { newQuoteBase, saveQuote, type SellQuote } from "./quote-store";
import type { Checked } from "./checked";
import { checkLimits, checkQuoteBasics } from "./quote-rules";
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

const SELL_FIELDS = {
  asset: "sell_currency",
  network: "sell_network",
  currency: "cashout_currency",
  amount: "sell_amount",
  method: "payment_method",
} as const;

/**
 * Validates a sell quote request, prices it and stores it for 2 minutes. The cash-out
 * method's limits apply to the fiat value of what is sold (the subtotal).
 */
export function createSellQuote(input: SellQuoteRequest, now = Date.now()): Checked<SellQuote> {
  const basics = checkQuoteBasics(SELL_FIELDS, input, cashoutMethods, 18);
  if (!basics.ok) return basics;
  const { asset, currency, method, amount } = basics.value;

  const { subtotal, ...figures } = priceSell({ asset, currency, method }, amount);
  const subject = `sell_amount ${figures.sell_amount.value} ${asset} (worth ${figures.cashout_subtotal.value} ${currency})`;
  const limited = checkLimits(subject, subtotal, method, currency);
  if (!limited.ok) return limited;

  const quote: SellQuote = {
    kind: "sell",
    ...newQuoteBase(basics.value, now),
    cashout_currency: currency,
    payment_method: method,
    ...figures,
  };
  saveQuote(quote);
  return { ok: true, value: quote };
}
