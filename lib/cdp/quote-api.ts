import "server-only";
import { z } from "zod";
import type { Quote, QuoteRequest } from "@/lib/ramp/quote-schema";
import { cdpCall, type OwnCdpClient } from "./client";

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
export async function fetchQuote(q: QuoteRequest, client?: OwnCdpClient): Promise<Quote> {
  if (q.side === "buy")
    return fromBuyQuote(
      await cdpCall(BuyQuote, "POST", "/onramp/v1/buy/quote", buyQuoteBody(q), client),
    );
  return fromSellQuote(
    await cdpCall(SellQuote, "POST", "/onramp/v1/sell/quote", sellQuoteBody(q), client),
  );
}

// The request and answer mappings, exported for tests that ask the sandbox's quote logic
// directly as Coinbase (tests/unit/crypto-amount-limits.test.ts).

const regionOf = (q: QuoteRequest) => ({
  country: q.country,
  ...(q.subdivision ? { subdivision: q.subdivision } : {}),
});

export const buyQuoteBody = (q: QuoteRequest) => ({
  purchase_currency: q.asset,
  purchase_network: q.network,
  payment_amount: q.amount,
  payment_currency: q.fiatCurrency,
  payment_method: q.method,
  ...regionOf(q),
});

export const sellQuoteBody = (q: QuoteRequest) => ({
  sell_currency: q.asset,
  sell_network: q.network,
  sell_amount: q.amount,
  cashout_currency: q.fiatCurrency,
  payment_method: q.method,
  ...regionOf(q),
});

export const fromBuyQuote = (b: z.infer<typeof BuyQuote>): Quote => {
  return {
    quoteId: b.quote_id,
    pay: b.payment_total,
    receive: b.purchase_amount,
    subtotal: b.payment_subtotal,
    coinbaseFee: b.coinbase_fee,
    networkFee: b.network_fee,
  };
};

export const fromSellQuote = (s: z.infer<typeof SellQuote>): Quote => {
  return {
    quoteId: s.quote_id,
    pay: s.sell_amount,
    receive: s.cashout_total,
    subtotal: s.cashout_subtotal,
    coinbaseFee: s.coinbase_fee,
    networkFee: s.network_fee,
  };
};
