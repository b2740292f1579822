import "server-only";
import { findQuote, type StoredQuote } from "../cdp/quote-store";
import type { SessionGrant } from "./sessions";

export type QuoteCheck =
  { ok: true; quote: StoredQuote } | { ok: false; title: string; message: string };

/** A pay URL's `quoteId`: it must name a live quote of the page's kind. */
export function checkQuoteId(kind: "buy" | "sell", quoteId: string, now = Date.now()): QuoteCheck {
  const found = findQuote(quoteId, now);
  if (!found.ok && found.reason === "expired") {
    return {
      ok: false,
      title: "This quote has expired",
      message: "Quotes are valid for 2 minutes. Go back to the app and get a new quote.",
    };
  }
  if (!found.ok) {
    return {
      ok: false,
      title: "This quote is not valid",
      message: "The quote is unknown. Go back to the app and get a new quote.",
    };
  }
  if (found.quote.kind !== kind) {
    return {
      ok: false,
      title: "This quote is for another flow",
      message: `This is a ${found.quote.kind} quote; it cannot be used to ${kind}.`,
    };
  }
  return { ok: true, quote: found.quote };
}

/** Why a quote cannot be used with what the session token allows, if it cannot. */
export function quoteMismatch(quote: StoredQuote, grant: SessionGrant): string | undefined {
  const onNetwork = grant.addresses.some((entry) => entry.blockchains.includes(quote.network));
  const assetAllowed = !grant.assets || grant.assets.includes(quote.asset);
  if (onNetwork && assetAllowed) return undefined;
  return `The quote is for ${quote.asset} on ${quote.network}, which this session does not allow. Go back to the app and start again.`;
}
