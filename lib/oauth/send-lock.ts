import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { getConfig } from "@/lib/config/env";
import { AppError } from "@/lib/http/app-error";
import { getStore } from "@/lib/store/get-store";
import type { SharedStore } from "@/lib/store/shared-store";

const WAIT_STEP_MS = 100;

/** Handed to a send holding the lock: called just before the post (see below). */
export interface SendTurn {
  /** Keeps the lock for the post, or refuses the send when another took it meanwhile. */
  holdForPost(): Promise<void>;
}

/**
 * One send at a time per connection, across tabs and instances. What is left of the limit is
 * read from Coinbase's list of sends: two sends checked at once (two tabs, a double submit with
 * two idems) would each find the whole remainder and together send past the limit. The second
 * waits until the first was posted, so that its check counts it.
 *
 * The lock runs out by itself (a holder that died must not block the connection for good), so
 * checks slower than its life (Coinbase slow on every call) could lose it to the next send:
 * just before posting, the holder renews it for the post, and posts only if it is still its
 * own. It is released only by its holder. Keyed by a digest of the access token: never the
 * token in the store.
 */
export async function oneSendAtATime<T>(
  accessToken: string,
  send: (turn: SendTurn) => Promise<T>,
  store: SharedStore = getStore(),
): Promise<T> {
  const key = `connect-send:${createHash("sha256").update(accessToken).digest("base64url")}`;
  const timeout = getConfig().upstreamTimeoutMs;
  const lockMs = 3 * timeout + 5_000;
  const mine = randomUUID();
  const isMine = async () => (await store.get(key)) === mine;
  // Past the life of any lock now held: a waiter gives up only when another send took it since.
  for (const deadline = Date.now() + lockMs + 1_000; Date.now() < deadline;) {
    if (await store.setIfAbsent(key, mine, lockMs)) {
      const turn: SendTurn = {
        async holdForPost() {
          if (!(await isMine())) throw anotherSend();
          await store.set(key, mine, timeout + 5_000);
        },
      };
      try {
        return await send(turn);
      } finally {
        // Sent or refused already: that is the answer. A lock left behind runs out by itself.
        await isMine()
          .then((held) => (held ? store.delete(key) : undefined))
          .catch(() => undefined);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
  }
  throw anotherSend();
}

function anotherSend(): AppError {
  return new AppError(
    "rate_limited",
    "Nothing was sent: another send from this connection is under way. Try again in a moment.",
    { retryAfterSeconds: 5 },
  );
}
