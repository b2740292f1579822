import "server-only";
import { inArray, lt } from "drizzle-orm";
import { getConfig } from "@/lib/config/env";
import { getDatabase, type Database } from "@/lib/db/client";
import { isDatabaseUnavailable, loggableMessage } from "@/lib/db/database-errors";
import { webhookEvent } from "@/lib/db/schema";
import { log } from "@/lib/log/logger";
import { getStore } from "@/lib/store/get-store";
import type { SharedStore } from "@/lib/store/shared-store";
import { isStoreUnavailable } from "@/lib/store/store-unavailable";

export const PRUNE_LOCK_KEY = "webhook-events-prune";
const PRUNE_INTERVAL_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows deleted per run: one short statement, whatever the backlog. */
export const PRUNE_BATCH = 500;

export type PruneOutcome = "pruned" | "throttled" | "failed";

export interface PruneDeps {
  db: Database;
  store: SharedStore;
  now: Date;
}

/**
 * Deletes stored webhook events older than `WEBHOOK_EVENT_RETENTION_DAYS`: their payloads
 * name wallets and users, and the table would otherwise grow for ever. Run on each event
 * received, at most once an hour across every instance (the shared store's set-if-absent is
 * the lock, as for the ledger sync), so no cron is needed; a full batch frees the lock, for
 * the next event to take on a backlog. An event deleted can no longer be told as a repeat:
 * the retention is at least a week, far past Coinbase's retries, and a repeat after it would
 * be applied again, which changes no row (apply-event.ts answers it `duplicate` or `stale`).
 * Never throws: the caller does not wait for it, and a failure waits for the next hour.
 */
export async function pruneWebhookEvents(deps: Partial<PruneDeps> = {}): Promise<PruneOutcome> {
  try {
    const store = deps.store ?? getStore();
    if (!(await store.setIfAbsent(PRUNE_LOCK_KEY, "1", PRUNE_INTERVAL_MS))) return "throttled";
    const now = deps.now ?? new Date();
    const cutoff = new Date(now.getTime() - getConfig().webhooks.retentionDays * DAY_MS);
    const deleted = await deleteEventsBefore(deps.db ?? getDatabase().db, cutoff);
    if (deleted > 0) log("info", "webhook_events_pruned", { deleted });
    if (deleted === PRUNE_BATCH) await store.delete(PRUNE_LOCK_KEY);
    return "pruned";
  } catch (error) {
    log("warn", "webhook_events_prune_failed", {
      reason: isStoreUnavailable(error)
        ? "store_unavailable"
        : isDatabaseUnavailable(error)
          ? "database_unavailable"
          : loggableMessage(error),
    });
    return "failed";
  }
}

/** Deletes up to `batch` events received before `cutoff`, oldest first; how many it deleted. */
export async function deleteEventsBefore(
  db: Database,
  cutoff: Date,
  batch = PRUNE_BATCH,
): Promise<number> {
  // Postgres has no DELETE … LIMIT: the batch is chosen by a subquery (received_at's index).
  const oldest = db
    .select({ id: webhookEvent.id })
    .from(webhookEvent)
    .where(lt(webhookEvent.receivedAt, cutoff))
    .orderBy(webhookEvent.receivedAt)
    .limit(batch);
  const deleted = await db
    .delete(webhookEvent)
    .where(inArray(webhookEvent.id, oldest))
    .returning({ id: webhookEvent.id });
  return deleted.length;
}
