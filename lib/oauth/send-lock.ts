import "server-only";
import { createHash } from "node:crypto";
import { getConfig } from "@/lib/config/env";
import { AppError } from "@/lib/http/app-error";
import { getStore } from "@/lib/store/get-store";
import type { SharedStore } from "@/lib/store/shared-store";

const WAIT_STEP_MS = 100;

/**
 * One send at a time per connection, across tabs and instances. What is left of the limit is
 * read from Coinbase's list of sends: two sends checked at once (two tabs, a double submit with
 * two idems) would each find the whole remainder and together send past the limit. The second
 * waits until the first was posted, so that its check counts it.
 *
 * The lock outlives every upstream call it guards (the list, the price, the post: each has the
 * upstream timeout), so it never runs out under a send still being checked; a waiter gives up
 * at the same deadline. Keyed by a digest of the access token: never the token in the store.
 */
export async function oneSendAtATime<T>(
  accessToken: string,
  send: () => Promise<T>,
  store: SharedStore = getStore(),
): Promise<T> {
  const key = `connect-send:${createHash("sha256").update(accessToken).digest("base64url")}`;
  const lockMs = 3 * getConfig().upstreamTimeoutMs + 5_000;
  for (const deadline = Date.now() + lockMs; Date.now() < deadline;) {
    if (await store.setIfAbsent(key, "1", lockMs)) {
      try {
        return await send();
      } finally {
        // Sent or refused already: that is the answer. A lock left behind runs out by itself.
        await store.delete(key).catch(() => undefined);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
  }
  throw new AppError(
    "rate_limited",
    "Another send from this connection is still under way: try again in a moment",
    { retryAfterSeconds: 5 },
  );
}
