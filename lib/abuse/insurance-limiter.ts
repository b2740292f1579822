import "server-only";
import type Redis from "ioredis";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { log } from "@/lib/log/logger";

/**
 * What a Redis-backed limiter answers with while Redis cannot (rate-limiter-flexible's
 * `insuranceLimiter`): the same limit, counted in this instance's memory. An outage so
 * loosens the limit to one allowance per instance instead of lifting it. Says so once per
 * outage, not once per request.
 */
export class InsuranceLimiter extends RateLimiterMemory {
  private announced = false;

  constructor(
    private scope: string,
    points: number,
    duration: number,
    redis: Redis,
  ) {
    super({ keyPrefix: `rl:${scope}`, points, duration });
    // Redis is back: the next fallback is a new outage, worth a new line.
    redis.on("ready", () => {
      this.announced = false;
    });
  }

  override consume(...args: Parameters<RateLimiterMemory["consume"]>) {
    if (!this.announced) {
      this.announced = true;
      log("error", "rate_limit_fallback", {
        scope: this.scope,
        detail: "Redis unreachable: this limit counts per instance until it is back",
      });
    }
    return super.consume(...args);
  }
}
