import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { priceBuyByTotal } from "./pricing";
import { QUOTE_LIFETIME_MS, saveQuote, type BuyQuote } from "./quote-store";
import { checkLimits, checkQuoteBasics, type Checked } from "./quote-rules";
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
  const basics = checkQuoteBasics(
    {
      asset: "purchase_currency",
      network: "purchase_network",
      currency: "payment_currency",
      amount: "payment_amount",
      method: "payment_method",
    },
    {
      asset: input.purchase_currency,
      network: input.purchase_network,
      currency: input.payment_currency,
      amount: input.payment_amount,
      method: input.payment_method,
      country: input.country,
      subdivision: input.subdivision,
    },
    paymentMethods,
    2,
  );
  if (!basics.ok) return basics;
  const { region, asset, network, currency, method, amount } = basics.value;
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
    quote_id: randomUUID(),
    createdAt: now,
    expiresAt: now + QUOTE_LIFETIME_MS,
    asset: asset,
    network: network,
    country: region.country,
    subdivision: region.subdivision,
    payment_currency: currency,
    payment_method: method,
    ...figures,
  };
  saveQuote(quote);
  return { ok: true, value: quote };
}
