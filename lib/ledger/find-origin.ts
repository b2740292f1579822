import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { rampTransaction, type RampTransactionRow } from "@/lib/db/schema";
import type { Side } from "@/lib/ramp/options";

/**
 * Which `started` row a transaction Coinbase reports came from. Coinbase does not say which
 * URL a transaction was made with, so: the oldest row of that user and side, for the same
 * asset and network, started before the transaction, that no Coinbase id is attached to
 * yet. Used by the poll (reconcile.ts) and the webhooks alike.
 */

// Our clock stamps `started`, Coinbase's stamps its transaction: allow them to differ a little.
const CLOCK_SKEW_MS = 60_000;

/** The user's rows of one side still waiting for Coinbase, oldest first. */
export function openStartedRows(
  db: Database,
  partnerUserRef: string,
  side: Side,
): Promise<RampTransactionRow[]> {
  return db
    .select()
    .from(rampTransaction)
    .where(
      and(
        eq(rampTransaction.partnerUserRef, partnerUserRef),
        eq(rampTransaction.side, side),
        attachable(),
      ),
    )
    .orderBy(asc(rampTransaction.createdAt));
}

/** The index in `open` of the report's origin, or -1; `at` is when Coinbase made it (ms). */
export function originIndex(
  open: RampTransactionRow[],
  report: { asset: string; network: string },
  at: number,
): number {
  return open.findIndex(
    (row) =>
      row.asset.toLowerCase() === report.asset.toLowerCase() &&
      row.network.toLowerCase() === report.network.toLowerCase() &&
      row.createdAt.getTime() <= at + CLOCK_SKEW_MS,
  );
}

/** A row still free to take a Coinbase id: in the UPDATE that attaches one, against races. */
export function attachable() {
  return and(
    eq(rampTransaction.status, "started"),
    isNull(rampTransaction.coinbaseTransactionId),
    isNull(rampTransaction.coinbaseOrderId),
  )!;
}
