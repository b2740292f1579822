import "server-only";
import { getConfig } from "@/lib/config/env";
import { assertWithinGlobalCeiling } from "./global-ceiling";
import { guardClientRequest } from "./guard-minting";

// A form asks for a quote whenever typing pauses, so quotes get a wider allowance than mints.
const QUOTES_PER_MINT = 6;

/**
 * Quotes spend CDP quota too: same origin policy and a looser per-client limit, checked
 * first; then (`spendQuoteCeiling`) a ceiling of their own for all clients (they mint
 * nothing, so the minting ceiling does not count them).
 */
export async function guardQuoteRequest(request: Request): Promise<void> {
  await guardClientRequest(request, {
    scope: "quote",
    limit: getConfig().rateLimitPerMinute * QUOTES_PER_MINT,
  });
}

/** Spent by a quote about to be asked of Coinbase, its body checked (see spendMintingCeiling). */
export function spendQuoteCeiling(): Promise<void> {
  return assertWithinGlobalCeiling(getConfig().rateLimitGlobalPerMinute * QUOTES_PER_MINT, "quote");
}
