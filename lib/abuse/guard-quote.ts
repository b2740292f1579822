import "server-only";
import { getConfig } from "@/lib/config/env";
import { guardClientRequest } from "./guard-minting";

// A form asks for a quote whenever typing pauses, so quotes get a wider allowance than mints.
const QUOTES_PER_MINT = 6;

/**
 * Quotes spend CDP quota too: same origin policy, a looser per-client limit. They mint
 * nothing, so the global minting ceiling does not count them.
 */
export async function guardQuoteRequest(request: Request): Promise<void> {
  await guardClientRequest(request, {
    scope: "quote",
    limit: getConfig().rateLimitPerMinute * QUOTES_PER_MINT,
  });
}
