import "server-only";
import { getConfig } from "@/lib/config/env";
import { AppError } from "@/lib/http/app-error";
import { log } from "@/lib/log/logger";
import { getStore } from "@/lib/store/get-store";
import type { SharedStore } from "@/lib/store/shared-store";

const WINDOW_MS = 60_000;

/**
 * A fixed one-minute window per client, counted in the shared store so every instance
 * sees the same count. Over the limit: 429 `rate_limited` with Retry-After.
 */
export async function assertWithinRateLimit(
  client: string,
  options: { limit?: number; store?: SharedStore; scope?: string } = {},
): Promise<void> {
  const limit = options.limit ?? getConfig().rateLimitPerMinute;
  if (limit === 0) return;
  let result: { count: number; resetInMs: number };
  try {
    result = await (options.store ?? getStore()).increment(
      `rl:${options.scope ?? "mint"}:${client}`,
      WINDOW_MS,
    );
  } catch {
    // The store is down: keep serving (availability), and say so loudly.
    log("error", "rate_limit_store_unavailable");
    return;
  }
  if (result.count > limit) {
    throw new AppError("rate_limited", "Too many requests: wait a minute and try again", {
      retryAfterSeconds: Math.max(1, Math.ceil(result.resetInMs / 1000)),
    });
  }
}
