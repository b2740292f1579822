import "server-only";
import { processSingleton } from "@/lib/process/singleton";
import { randomUUID } from "node:crypto";
import type { BuyFigures, SellFigures } from "./pricing";
import type { QuoteBasics } from "./quote-rules";

export const QUOTE_LIFETIME_MS = 2 * 60 * 1000;

interface QuoteBase {
  quote_id: string;
  createdAt: number;
  expiresAt: number;
  asset: string;
  network: string;
  country: string;
  subdivision?: string;
}

/** A buy quote with everything it was asked for and everything it answered. */
export interface BuyQuote extends QuoteBase, BuyFigures {
  kind: "buy";
  payment_currency: string;
  payment_method: string;
}

export interface SellQuote extends QuoteBase, SellFigures {
  kind: "sell";
  cashout_currency: string;
  payment_method: string;
}

export type StoredQuote = BuyQuote | SellQuote;

/** What every stored quote starts with: a fresh id, its 2-minute life, what and where. */
export function newQuoteBase(basics: QuoteBasics, now: number): QuoteBase {
  return {
    quote_id: randomUUID(),
    createdAt: now,
    expiresAt: now + QUOTE_LIFETIME_MS,
    asset: basics.asset,
    network: basics.network,
    country: basics.region.country,
    subdivision: basics.region.subdivision,
  };
}

export type QuoteLookup =
  { ok: true; quote: StoredQuote } | { ok: false; reason: "unknown" | "expired" };

const quotes = processSingleton("sandbox.cdp-quotes", () => new Map<string, StoredQuote>());

export function saveQuote(quote: StoredQuote): void {
  // Expired quotes are kept a while longer so that a late page says "expired", not "unknown".
  for (const [id, stored] of quotes) {
    if (quote.createdAt - stored.expiresAt > 30 * 60 * 1000) quotes.delete(id);
  }
  quotes.set(quote.quote_id, quote);
}

export function findQuote(id: string, now = Date.now()): QuoteLookup {
  const quote = quotes.get(id);
  if (!quote) return { ok: false, reason: "unknown" };
  if (now > quote.expiresAt) return { ok: false, reason: "expired" };
  return { ok: true, quote };
}
