import "server-only";
import { getConfig } from "@/lib/config/env";
import { HANDOFF_CHECK_EVERY_MS } from "@/lib/ramp/handoff-polling";
import { guardClientRequest } from "./guard-minting";
import { WINDOW_SECONDS } from "./client-limiter";

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

// A page showing a phone link's QR code asks every few seconds (20 times a minute): tabs, or a
// household behind one address, may show a few at once.
const PAGES_POLLING_AT_ONCE = 6;
const CHECKS_PER_PAGE = (WINDOW_SECONDS * 1000) / HANDOFF_CHECK_EVERY_MS;

/**
 * `GET /api/handoff/<statusId>` calls no one, but each ask reads the shared store, as does
 * revoking a link (`DELETE`, counted with them): same origin
 * policy, and an allowance of its own per client, so that a page's polling never spends its
 * look-ups nor is refused, while a client asking faster (guessing ids, flooding the store) is:
 * the look-up limit, or what six pages polling at once ask (120 a minute) if that is more.
 * Checked before the caller and the id are, so that refused asks count as well.
 */
export async function guardHandoffStatusRequest(request: Request): Promise<void> {
  const lookups = getConfig().rateLimitLookupsPerMinute;
  await guardClientRequest(request, {
    scope: "handoff-status",
    limit: lookups === 0 ? 0 : Math.max(lookups, PAGES_POLLING_AT_ONCE * CHECKS_PER_PAGE),
  });
}
