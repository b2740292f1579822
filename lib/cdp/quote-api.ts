import "server-only";
import { z } from "zod";
import type { Quote, QuoteRequest } from "@/lib/ramp/quote-schema";
import { cdpCall } from "./client";

const Money = z.object({ value: z.coerce.string(), currency: z.string() });
const BuyQuote = z.object({
  quote_id: z.string(),
  payment_total: Money,
  payment_subtotal: Money,
  purchase_amount: Money,
  coinbase_fee: Money,
  network_fee: Money.optional(),
});
const SellQuote = z.object({
  quote_id: z.string(),
  sell_amount: Money,
  cashout_total: Money,
  cashout_subtotal: Money,
  coinbase_fee: Money,
  network_fee: Money.optional(),
});

/** POST /onramp/v1/{buy|sell}/quote, normalised: what the user pays, gets, and the fees. */
export async function fetchQuote(q: QuoteRequest): Promise<Quote> {
  const region = { country: q.country, ...(q.subdivision ? { subdivision: q.subdivision } : {}) };
  if (q.side === "buy") {
    const r = await cdpCall(BuyQuote, "POST", "/onramp/v1/buy/quote", {
      purchase_currency: q.asset,
      purchase_network: q.network,
      payment_amount: q.amount,
      payment_currency: q.fiatCurrency,
      payment_method: q.method,
      ...region,
    });
    return {
      quoteId: r.quote_id,
      pay: r.payment_total,
      receive: r.purchase_amount,
      subtotal: r.payment_subtotal,
      coinbaseFee: r.coinbase_fee,
      networkFee: r.network_fee,
    };
  }
  const r = await cdpCall(SellQuote, "POST", "/onramp/v1/sell/quote", {
    sell_currency: q.asset,
    sell_network: q.network,
    sell_amount: q.amount,
    cashout_currency: q.fiatCurrency,
    payment_method: q.method,
    ...region,
  });
  return {
    quoteId: r.quote_id,
    pay: r.sell_amount,
    receive: r.cashout_total,
    subtotal: r.cashout_subtotal,
    coinbaseFee: r.coinbase_fee,
    networkFee: r.network_fee,
  };
}
