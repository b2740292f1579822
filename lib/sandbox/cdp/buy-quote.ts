import "server-only";
import { z } from "zod";
import { priceBuyByTotal } from "./pricing";
import { newQuoteBase, saveQuote, type BuyQuote } from "./quote-store";
import type { Checked } from "./checked";
import { checkLimits, checkQuoteBasics } from "./quote-rules";
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

const BUY_FIELDS = {
  asset: "purchase_currency",
  network: "purchase_network",
  currency: "payment_currency",
  amount: "payment_amount",
  method: "payment_method",
} as const;

/** Validates a buy quote request as Coinbase does, prices it and stores it for 2 minutes. */
export function createBuyQuote(input: BuyQuoteRequest, now = Date.now()): Checked<BuyQuote> {
  const basics = checkQuoteBasics(BUY_FIELDS, input, paymentMethods, 2);
  if (!basics.ok) return basics;
  const { asset, network, currency, method, amount } = basics.value;
  const limited = checkLimits(
    `payment_amount ${format(amount, 2)} ${currency}`,
    amount,
    method,
    currency,
  );
  if (!limited.ok) return limited;

  const { subtotal, ...figures } = priceBuyByTotal({ asset, network, currency, method }, amount);
  if (subtotal <= 0n) {
    const fees = amount - subtotal;
    return {
      ok: false,
      message: `payment_amount ${figures.payment_total.value} ${currency} does not cover the fees of ${format(fees, 2)} ${currency}`,
    };
  }
  const quote: BuyQuote = {
    kind: "buy",
    ...newQuoteBase(basics.value, now),
    payment_currency: currency,
    payment_method: method,
    ...figures,
  };
  saveQuote(quote);
  return { ok: true, value: quote };
}
