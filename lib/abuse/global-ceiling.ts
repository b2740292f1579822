import "server-only";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { getConfig } from "@/lib/config/env";
import { processSingleton } from "@/lib/process/singleton";
import { WINDOW_SECONDS } from "./client-limiter";
import { consumeWithinLimit, type Refusal } from "./rate-limit";

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
  refusal: Refusal = "This service is busy: try again in a minute",
): Promise<void> {
  if (limit === 0) return;
  await consumeWithinLimit(ceiling(limit, scope), "all", refusal);
}

/** Gives back what `assertWithinGlobalCeiling` spent, for what turned out not to count. */
export async function giveBackToGlobalCeiling(limit: number, scope: string): Promise<void> {
  if (limit === 0) return;
  await ceiling(limit, scope).reward("all", 1);
}

const ceiling = (limit: number, scope: string) =>
  processSingleton(
    `rate-limiter.global.${scope}.${limit}`,
    () =>
      new RateLimiterMemory({
        keyPrefix: `rl:global:${scope}`,
        points: limit,
        duration: WINDOW_SECONDS,
      }),
  );
