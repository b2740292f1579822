import "server-only";
import type { z } from "zod";
import { BuyQuoteRequestSchema, createBuyQuote } from "./buy-quote";
import type { Checked } from "./quote-rules";
import { rejectUnsigned } from "./require-signed";
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
  const body: unknown = await request.json().catch(() => undefined);
  if (body === undefined) return rpcStatus(400, "invalid JSON body");
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".");
    if (!field) return rpcStatus(400, "the request body must be a JSON object");
    return rpcStatus(
      400,
      issue?.code === "invalid_type"
        ? `${field} is missing or not a string`
        : `${field}: ${issue?.message}`,
    );
  }
  const quote = create(parsed.data);
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
