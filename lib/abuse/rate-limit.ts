import "server-only";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { getConfig } from "@/lib/config/env";
import { AppError } from "@/lib/http/app-error";
import { log } from "@/lib/log/logger";
import { processSingleton } from "@/lib/process/singleton";
import { getRedisClient } from "@/lib/store/get-store";
import { untilFirstConnection } from "@/lib/store/redis-connection";
import { createClientLimiter, WINDOW_SECONDS } from "./client-limiter";

/** What is left of an allowance once a request spent its share. */
export interface Allowance {
  remaining: number;
  /** Seconds until the window ends and the allowance is whole again. */
  resetSeconds: number;
}
const UNLIMITED: Allowance = { remaining: Number.POSITIVE_INFINITY, resetSeconds: 0 };

/**
 * An allowance per client and scope (per minute unless a window is given), counted in Redis when REDIS_URL is set (so
 * every instance sees the same count), else in memory. Over it: 429 `rate_limited` with
 * Retry-After, and `refusal` as the message if given (or made from the wait, in seconds, when
 * the window is long enough for the wait to matter). A limit of 0 turns the check off.
 */
export type Refusal = string | ((waitSeconds: number) => string);
type LimitOptions = { scope?: string; limit?: number; windowSeconds?: number; refusal?: Refusal };

export async function assertWithinRateLimit(
  client: string,
  options: LimitOptions = {},
): Promise<Allowance> {
  const limiter = limiterFor(options);
  if (!limiter) return UNLIMITED;
  const window = options.windowSeconds ?? WINDOW_SECONDS;
  return consumeWithinLimit(
    limiter,
    client,
    options.refusal ??
      (window === WINDOW_SECONDS
        ? "Too many requests: wait a minute and try again"
        : "Too many requests: wait a while and try again"),
  );
}

/**
 * Gives back one request spent with the same options: for work that turned out not to cost
 * what the limit guards (a text message Coinbase refused to send). Best effort: a store that
 * fails keeps the request spent.
 */
export async function refundRateLimit(client: string, options: LimitOptions = {}): Promise<void> {
  await limiterFor(options)
    ?.reward(client, 1)
    .catch(() => undefined);
}

/**
 * Seconds until `client` may spend one more of the allowance given by `options`: 0 while some
 * is left. Reads the count, spends nothing: a page shows the wait the next request would get.
 */
export async function rateLimitWait(client: string, options: LimitOptions = {}): Promise<number> {
  const limiter = limiterFor(options);
  if (!limiter) return 0;
  try {
    await connected(limiter);
    const used = await limiter.get(client);
    return used && used.consumedPoints >= limiter.points ? toSeconds(used.msBeforeNext) : 0;
  } catch {
    // The store failed: the request itself will say whether to wait.
    return 0;
  }
}

/** The limiter of one scope, limit and window: once per process (its counts, or its Redis script). */
function limiterFor(options: LimitOptions): RateLimiterAbstract | null {
  const limit = options.limit ?? getConfig().rateLimitPerMinute;
  if (limit === 0) return null;
  const scope = options.scope ?? "mint";
  const window = options.windowSeconds ?? WINDOW_SECONDS;
  return processSingleton(`rate-limiter.${scope}.${limit}.${window}`, () =>
    createClientLimiter(scope, limit, getRedisClient(), window),
  );
}

/** Spends one request of `key`'s allowance; none left: 429 with the wait until the window ends. */
export async function consumeWithinLimit(
  limiter: RateLimiterAbstract,
  key: string,
  refusal: Refusal,
): Promise<Allowance> {
  try {
    await connected(limiter);
    const spent = await limiter.consume(key);
    return { remaining: spent.remainingPoints, resetSeconds: toSeconds(spent.msBeforeNext) };
  } catch (rejection) {
    if (isOverLimit(rejection)) {
      const wait = toSeconds(rejection.msBeforeNext);
      const message = typeof refusal === "string" ? refusal : refusal(wait);
      throw new AppError("rate_limited", message, { retryAfterSeconds: wait });
    }
    // Redis and the in-memory insurance both failed, which should not happen: keep serving.
    log("error", "rate_limit_unavailable", { scope: limiter.keyPrefix });
    return UNLIMITED;
  }
}

/** Counting in Redis: at a cold start, waits for the first connection as the store does. */
async function connected(limiter: RateLimiterAbstract): Promise<void> {
  const { client } = limiter as { client?: Parameters<typeof untilFirstConnection>[0] };
  if (client?.status) await untilFirstConnection(client);
}

const toSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

// The library rejects with a RateLimiterRes when the allowance is spent and with an Error
// when its store fails. Told apart by shape: its classes may exist once per Next bundle.
function isOverLimit(rejection: unknown): rejection is { msBeforeNext: number } {
  return (
    typeof rejection === "object" &&
    rejection !== null &&
    !(rejection instanceof Error) &&
    typeof (rejection as { msBeforeNext?: unknown }).msBeforeNext === "number"
  );
}
