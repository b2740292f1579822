import "server-only";
import { getConfig } from "@/lib/config/env";
import { guardClientRequest } from "./guard-minting";

/**
 * Options and transaction look-ups sign a CDP call too (options only on a cache miss): same
 * origin policy, a per-client limit of their own (RATE_LIMIT_LOOKUPS_PER_MINUTE). Checked
 * before the query is read, so malformed look-ups count as well. They mint nothing, so the
 * global minting ceiling does not count them.
 */
export async function guardLookupRequest(request: Request): Promise<void> {
  await guardClientRequest(request, {
    scope: "lookup",
    limit: getConfig().rateLimitLookupsPerMinute,
  });
}
