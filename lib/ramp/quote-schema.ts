import { z } from "zod";
import { ASSET_SYMBOLS, FIAT_CURRENCY_CODES, NETWORK_IDS, isOfferedOn } from "./catalog";
import { CryptoAmountSchema, FiatAmountSchema } from "./amounts";
import { US_STATES, needsSubdivision } from "./countries";

/**
 * `POST /api/quote`. Coinbase quotes a buy from the fiat total and a sell from the
 * crypto amount, so those are the amounts a quote accepts. Browser-safe.
 */
export const QuoteRequestSchema = z
  .object({
    side: z.enum(["buy", "sell"]),
    asset: z.enum(ASSET_SYMBOLS),
    network: z.enum(NETWORK_IDS),
    amount: z.union([z.string(), z.number()]).transform(String),
    amountIn: z.enum(["fiat", "crypto"]),
    fiatCurrency: z.enum(FIAT_CURRENCY_CODES),
    method: z.string().regex(/^[A-Z_]{2,40}$/, "Unknown method"),
    country: z.string().regex(/^[A-Z]{2}$/, "Use a two-letter country code"),
    subdivision: z.enum(US_STATES).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (!isOfferedOn(q.asset, q.network))
      ctx.addIssue({
        code: "custom",
        path: ["network"],
        message: `${q.asset} is not offered on ${q.network}`,
      });
    if (needsSubdivision(q.country) && !q.subdivision)
      ctx.addIssue({ code: "custom", path: ["subdivision"], message: "Choose a state" });
    const wanted = q.side === "buy" ? "fiat" : "crypto";
    if (q.amountIn !== wanted) {
      ctx.addIssue({
        code: "custom",
        path: ["amountIn"],
        message:
          q.side === "buy"
            ? "Quotes for buys need a fiat amount"
            : "Quotes for sells need a crypto amount",
      });
      return;
    }
    const amount = (wanted === "fiat" ? FiatAmountSchema : CryptoAmountSchema).safeParse(q.amount);
    if (!amount.success)
      ctx.addIssue({
        code: "custom",
        path: ["amount"],
        message: amount.error.issues[0]?.message ?? "Invalid amount",
      });
  });
export type QuoteRequest = z.infer<typeof QuoteRequestSchema>;

export interface Money {
  value: string;
  currency: string;
}

/** A quote as the form shows it: for a buy, pay fiat and receive crypto; for a sell, the reverse. */
export interface Quote {
  quoteId: string;
  pay: Money;
  receive: Money;
  subtotal: Money;
  coinbaseFee: Money;
  networkFee?: Money;
}
