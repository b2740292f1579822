import "server-only";
import type Redis from "ioredis";
import {
  RateLimiterMemory,
  RateLimiterRedis,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { InsuranceLimiter } from "./insurance-limiter";

/** Limits are per minute unless said otherwise, in fixed windows that start at a client's first request. */
export const WINDOW_SECONDS = 60;

/**
 * `points` requests per window (a minute by default) per client in one scope ("mint", "quote"). With Redis every
 * instance counts against the same number, falling back to its own memory while Redis is
 * unreachable; without Redis the instance counts alone, which is right for one instance.
 */
export function createClientLimiter(
  scope: string,
  points: number,
  redis?: Redis,
  duration = WINDOW_SECONDS,
): RateLimiterAbstract {
  if (!redis) return new RateLimiterMemory({ keyPrefix: `rl:${scope}`, points, duration });
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `cbref:rl:${scope}`,
    points,
    duration,
    insuranceLimiter: new InsuranceLimiter(scope, points, duration, redis),
  });
}
