import { z } from "zod";
import { isOfferedOn } from "./catalog";
import { CryptoAmountSchema, FiatAmountSchema, NUMBER_REFUSED } from "./amounts";
import {
  assetField,
  countryField,
  fiatCurrencyField,
  networkField,
  requireSubdivision,
  sideField,
  subdivisionField,
} from "./field-rules";

/**
 * `POST /api/quote`. Coinbase quotes a buy from the fiat total and a sell from the
 * crypto amount, so those are the amounts a quote accepts. Browser-safe.
 */
export const QuoteRequestSchema = z
  .object({
    side: sideField,
    asset: assetField,
    network: networkField,
    // Sent to Coinbase as checked below: " 25.5 " goes as "25.5".
    amount: z.string({ error: `The amount ${NUMBER_REFUSED}` }).transform((v) => v.trim()),
    amountIn: z.enum(["fiat", "crypto"]),
    fiatCurrency: fiatCurrencyField,
    method: z.string().regex(/^[A-Z_]{2,40}$/, "Unknown method"),
    country: countryField,
    subdivision: subdivisionField.optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (!isOfferedOn(q.asset, q.network))
      ctx.addIssue({
        code: "custom",
        path: ["network"],
        message: `${q.asset} is not offered on ${q.network}`,
      });
    requireSubdivision(q, ctx);
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
