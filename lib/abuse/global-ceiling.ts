import "server-only";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { getConfig } from "@/lib/config/env";
import { processSingleton } from "@/lib/process/singleton";
import { WINDOW_SECONDS } from "./client-limiter";
import { consumeWithinLimit } from "./rate-limit";

/**
 * A ceiling on what all clients together may do per minute on this instance, per scope
 * (mints, quotes, sign-in codes: what spends CDP quota or sends mail). However many
 * addresses a crowd, or one client writing its own X-Forwarded-For, spreads its requests
 * over, the instance spends at most this much a minute. Counted in memory on purpose: it
 * needs no Redis, so it holds during an outage too. Over it: 429 `rate_limited`.
 */
export async function assertWithinGlobalCeiling(
  limit = getConfig().rateLimitGlobalPerMinute,
  scope = "mint",
): Promise<void> {
  if (limit === 0) return;
  const limiter = processSingleton(
    `rate-limiter.global.${scope}.${limit}`,
    () =>
      new RateLimiterMemory({
        keyPrefix: `rl:global:${scope}`,
        points: limit,
        duration: WINDOW_SECONDS,
      }),
  );
  await consumeWithinLimit(limiter, "all", "This service is busy: try again in a minute");
}
