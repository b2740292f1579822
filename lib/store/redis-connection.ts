import "server-only";
import Redis from "ioredis";
import { log } from "@/lib/log/logger";

/** How long one command may wait for Redis: well within any route's deadline. */
export const REDIS_COMMAND_TIMEOUT_MS = 500;
const REDIS_SOCKET_TIMEOUT_MS = 2_000;
// On the client itself, by a global symbol: each Next.js bundle has its own copy of this module.
// Set once the first connection was made, or once the first attempt failed: from then on no
// command waits for a connection (Redis down since the start would add the wait to each).
const FIRST_ATTEMPT_OVER = Symbol.for("cbref.redis.firstAttemptOver");

/**
 * A Redis connection that fails fast and heals by itself. ioredis keeps reconnecting (at
 * least once a second), so the app recovers as soon as Redis is back; meanwhile every
 * command fails at once (not connected) or after REDIS_COMMAND_TIMEOUT_MS (no answer),
 * and its caller decides what that means.
 */
export function connectRedis(url: string): Redis {
  const client = new Redis(url, {
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    // Never queued while there is no connection: a queued command that timed out for its
    // caller would still be sent once Redis is there (a link marked used, a state spent, after
    // the user was told it failed). Commands fail at once instead; before the first
    // connection, the store waits for it (untilFirstConnection).
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // A command whose answer was lost has already failed for its caller: never replay it
    // on reconnect, which could apply a write the caller was told did not happen.
    autoResendUnfulfilledCommands: false,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
    // A failover can leave the connection silent (no FIN or RST: a node replaced, a
    // partition): a command timing out does not close it, and the kernel would take about 15
    // minutes. No answer to a command within this long drops the connection, and ioredis makes
    // a new one, which finds the new primary.
    socketTimeout: REDIS_SOCKET_TIMEOUT_MS,
    // Or the connection stays on the old primary, now a replica that refuses every write:
    // a new connection (the address now leads to the new primary) ends that. `true`, not 2:
    // the refused command stays refused, as its caller was told.
    reconnectOnError: (error) => error.message.startsWith("READONLY"),
  });
  const firstAttemptOver = () => Object.assign(client, { [FIRST_ATTEMPT_OVER]: true });
  client.once("ready", firstAttemptOver);
  client.once("error", firstAttemptOver);
  // One line when Redis goes away and one when it is back, not one per failed command.
  let down = false;
  client.on("error", (error: Error) => {
    if (down) return;
    down = true;
    log("error", "redis_unavailable", { message: error.message });
  });
  client.on("ready", () => {
    if (!down) return;
    down = false;
    log("info", "redis_recovered");
  });
  return client;
}

/**
 * At a cold start, a command waits for the first connection (up to REDIS_COMMAND_TIMEOUT_MS),
 * then goes, or fails at once if there is still none; once the first attempt has connected or
 * failed, this waits for nothing (an outage, at start or later, fails commands at once).
 */
export async function untilFirstConnection(
  client: Pick<Redis, "status" | "once" | "off">,
  waitMs = REDIS_COMMAND_TIMEOUT_MS,
): Promise<void> {
  if (client.status === "ready" || FIRST_ATTEMPT_OVER in client) return;
  let timer: NodeJS.Timeout | undefined;
  let onReady: (() => void) | undefined;
  await new Promise<void>((resolve) => {
    onReady = resolve;
    client.once("ready", onReady);
    timer = setTimeout(resolve, waitMs);
  });
  clearTimeout(timer);
  client.off("ready", onReady!);
}

/** Whether Redis answers within `ms`, the first connection made by then: checked at start. */
export async function answersWithin(client: Redis, ms: number): Promise<boolean> {
  await untilFirstConnection(client, ms);
  return client.status === "ready";
}
