import "server-only";
import { fetchTransactions } from "@/lib/cdp/transactions-api";
import { getConfig } from "@/lib/config/env";
import { getDatabase, type Database } from "@/lib/db/client";
import { isAppError } from "@/lib/http/app-error";
import { log } from "@/lib/log/logger";
import type { Side } from "@/lib/ramp/options";
import { getStore } from "@/lib/store/get-store";
import type { SharedStore } from "@/lib/store/shared-store";
import { isStoreUnavailable } from "@/lib/store/store-unavailable";
import { reconcileLedger } from "./reconcile";

/**
 * Asks Coinbase about a user's transactions of one side and updates the ledger, at most
 * once per interval (`LEDGER_SYNC_SECONDS`, default 5) per user and side across every instance (the shared store's
 * atomic set-if-absent is the lock). A completion page polls every second or so: without
 * this, each poll of each tab would be a Coinbase call; with it, most are a database read.
 *
 * The ledger is served whatever happens here: with the store down the sync is skipped
 * (nothing can say whether another instance just ran it), and a Coinbase failure is
 * logged and retried on the next turn, leaving the rows as they were.
 */
/**
 * "off": `LEDGER_SYNC_SECONDS=0`, the ledger follows Coinbase's webhooks alone. The sync is
 * the fallback for events that never arrived, and the only path that lists a transaction no
 * `started` row explains (reconcile.ts): off, such a transaction's event stays `unmatched`.
 */
export type SyncOutcome = "synced" | "throttled" | "skipped" | "off";

export interface SyncDeps {
  db: Database;
  store: SharedStore;
  fetch: typeof fetchTransactions;
}

export async function syncLedger(
  side: Side,
  partnerUserRef: string,
  deps: Partial<SyncDeps> = {},
): Promise<SyncOutcome> {
  const intervalMs = getConfig().ledgerSyncSeconds * 1000;
  if (intervalMs === 0) return "off";
  const store = deps.store ?? getStore();
  let due: boolean;
  try {
    due = await store.setIfAbsent(`ledger-sync:${side}:${partnerUserRef}`, "1", intervalMs);
  } catch (error) {
    if (!isStoreUnavailable(error)) throw error;
    log("warn", "ledger_sync_skipped", { reason: "store_unavailable" });
    return "skipped";
  }
  if (!due) return "throttled";
  let reported;
  try {
    reported = await (deps.fetch ?? fetchTransactions)(side, partnerUserRef);
  } catch (error) {
    if (!isAppError(error)) throw error;
    log("warn", "ledger_sync_skipped", { reason: error.code });
    return "skipped";
  }
  await reconcileLedger(side, partnerUserRef, reported, deps.db ?? getDatabase().db);
  return "synced";
}
