import "server-only";
import { LRUCache } from "lru-cache";
import { processSingleton } from "@/lib/process/singleton";
import type { Quote, QuoteRequest } from "./quote-schema";

/** What a quote was for, but its amount: the terms its price holds for. */
export type QuoteTerms = Omit<QuoteRequest, "amount" | "amountIn">;

// Coinbase's quotes run out in minutes and the forms renew theirs every minute: a price a
// minute old is near enough to tell whether an amount fits a method's limits.
const QUOTE_TTL_MS = 60 * 1000;
// Terms are an asset, network, currency and method per region: the bound only stops a flood
// of made-up terms from growing the cache without end.
const MAX_TERMS = 500;

/**
 * The latest quote Coinbase gave for some terms, whatever its amount, per instance: the price
 * at which the server measures an amount in the asset against a method's limits in money
 * (crypto-limits.ts). Every quote `/api/quote` fetches is kept here; a form asks one before
 * a crypto amount can be submitted, so the mint that follows finds its price without another
 * call to Coinbase.
 */
const recent = processSingleton(
  "recent-quotes",
  () => new LRUCache<string, Quote>({ max: MAX_TERMS, ttl: QUOTE_TTL_MS }),
);

const keyOf = (t: QuoteTerms) =>
  [t.side, t.asset, t.network, t.fiatCurrency, t.method, t.country, t.subdivision ?? ""].join(":");

export function rememberQuote(terms: QuoteTerms, quote: Quote): void {
  recent.set(keyOf(terms), quote);
}

export function recentQuote(terms: QuoteTerms): Quote | undefined {
  return recent.get(keyOf(terms));
}
