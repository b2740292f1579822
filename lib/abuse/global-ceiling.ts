import "server-only";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { getConfig } from "@/lib/config/env";
import { processSingleton } from "@/lib/process/singleton";
import { WINDOW_SECONDS } from "./client-limiter";
import { consumeWithinLimit } from "./rate-limit";

/**
 * A ceiling on what all clients together may mint per minute on this instance: however
 * many addresses a crowd (or one client making addresses up) spreads its requests over,
 * the instance spends at most this much CDP quota a minute. Counted in memory on purpose:
 * it needs no Redis, so it holds during an outage too. Over it: 429 `rate_limited`.
 */
export async function assertWithinGlobalCeiling(
  limit = getConfig().rateLimitGlobalPerMinute,
): Promise<void> {
  if (limit === 0) return;
  const limiter = processSingleton(
    `rate-limiter.global.${limit}`,
    () =>
      new RateLimiterMemory({ keyPrefix: "rl:global", points: limit, duration: WINDOW_SECONDS }),
  );
  await consumeWithinLimit(limiter, "all", "This service is busy: try again in a minute");
}
