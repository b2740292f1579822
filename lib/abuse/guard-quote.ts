import "server-only";
import { getConfig } from "@/lib/config/env";
import { assertWithinGlobalCeiling } from "./global-ceiling";
import { guardClientRequest } from "./guard-minting";

// A form asks for a quote whenever typing pauses, so quotes get a wider allowance than mints.
const QUOTES_PER_MINT = 6;

/**
 * Quotes spend CDP quota too: same origin policy, a looser per-client limit, and a ceiling
 * of their own for all clients (they mint nothing, so the minting ceiling does not count them).
 */
export async function guardQuoteRequest(request: Request): Promise<void> {
  const { rateLimitPerMinute, rateLimitGlobalPerMinute } = getConfig();
  await guardClientRequest(request, {
    scope: "quote",
    limit: rateLimitPerMinute * QUOTES_PER_MINT,
  });
  await assertWithinGlobalCeiling(rateLimitGlobalPerMinute * QUOTES_PER_MINT, "quote");
}
