import "server-only";
import type { z } from "zod";
import { BuyQuoteRequestSchema, createBuyQuote } from "./buy-quote";
import type { Checked } from "./checked";
import { rejectUnsigned } from "./require-signed";
import { readRpcBody } from "./rpc-body";
import { rpcStatus } from "./rpc-status";
import { createSellQuote, SellQuoteRequestSchema } from "./sell-quote";

async function handleQuote<T, Q>(
  request: Request,
  schema: z.ZodType<T>,
  create: (input: T) => Checked<Q>,
  answer: (quote: Q) => object,
): Promise<Response> {
  const unsigned = await rejectUnsigned(request);
  if (unsigned) return unsigned;
  const body = await readRpcBody(request, schema);
  if (!body.ok) return body.response;
  const quote = create(body.data);
  return quote.ok ? Response.json(answer(quote.value)) : rpcStatus(400, quote.message);
}

/** POST /onramp/v1/buy/quote */
export function handleBuyQuote(request: Request, now = Date.now()): Promise<Response> {
  return handleQuote(
    request,
    BuyQuoteRequestSchema,
    (input) => createBuyQuote(input, now),
    (q) => ({
      quote_id: q.quote_id,
      payment_total: q.payment_total,
      payment_subtotal: q.payment_subtotal,
      purchase_amount: q.purchase_amount,
      coinbase_fee: q.coinbase_fee,
      network_fee: q.network_fee,
    }),
  );
}

/** POST /onramp/v1/sell/quote */
export function handleSellQuote(request: Request, now = Date.now()): Promise<Response> {
  return handleQuote(
    request,
    SellQuoteRequestSchema,
    (input) => createSellQuote(input, now),
    (q) => ({
      quote_id: q.quote_id,
      sell_amount: q.sell_amount,
      cashout_total: q.cashout_total,
      cashout_subtotal: q.cashout_subtotal,
      coinbase_fee: q.coinbase_fee,
    }),
  );
}
