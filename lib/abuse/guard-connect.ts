import "server-only";
import { getConfig } from "@/lib/config/env";
import { isAppError } from "@/lib/http/app-error";
import { assertClientWithinLimit } from "./guard-minting";

// A user starts a few sign-ins a minute at most (another tab, "Ask for more permissions").
const MIN_STARTS_PER_MINUTE = 30;

/**
 * Starting a Connect sign-in, per client: as many a minute as look-ups
 * (RATE_LIMIT_LOOKUPS_PER_MINUTE, counted apart), at least 30. Each start's state lets one
 * callback trade a code with Coinbase under the app's client secret (a state is accepted once),
 * so this bounds the trades a script looping start and callback makes; callbacks that match no
 * state call no one. False when over the limit: the route shows a page saying so, not JSON.
 */
export async function withinConnectLimit(request: Request): Promise<boolean> {
  const lookups = getConfig().rateLimitLookupsPerMinute;
  try {
    await assertClientWithinLimit(request, {
      scope: "oauth",
      limit: lookups === 0 ? 0 : Math.max(lookups, MIN_STARTS_PER_MINUTE),
    });
    return true;
  } catch (error) {
    if (isAppError(error) && error.code === "rate_limited") return false;
    throw error;
  }
}
