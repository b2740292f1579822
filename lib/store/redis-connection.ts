import "server-only";
import Redis from "ioredis";
import { log } from "@/lib/log/logger";

/** How long one command may wait for Redis: well within any route's deadline. */
export const REDIS_COMMAND_TIMEOUT_MS = 500;
const REDIS_SOCKET_TIMEOUT_MS = 2_000;

/**
 * A Redis connection that fails fast and heals by itself. ioredis keeps reconnecting (at
 * least once a second), so the app recovers as soon as Redis is back; meanwhile every
 * command fails at once (not connected) or after REDIS_COMMAND_TIMEOUT_MS (no answer),
 * and its caller decides what that means.
 */
export function connectRedis(url: string): Redis {
  const client = new Redis(url, {
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    // Commands sent while the first connection is being made (a cold start) wait for it,
    // for one retry at most; see below for later outages.
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
  client.once("ready", () => {
    // Once connected, a command made while Redis is away fails at once instead of queueing
    // for a connection that may take long to come back (ioredis reads this per command).
    client.options.enableOfflineQueue = false;
  });
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
