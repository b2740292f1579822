import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { rampTransaction, type RampTransactionRow } from "@/lib/db/schema";
import type { Side } from "@/lib/ramp/options";

/**
 * Which `started` row a transaction Coinbase reports came from. Coinbase does not say which
 * URL a transaction was made with, so: the newest row of that user and side, for the same
 * asset and network, started before the transaction, that no Coinbase id is attached to
 * yet. The newest, because a user who went back from Coinbase and started again paid on the
 * last page they opened: that row is the one their completion page (and their phone) shows.
 * Used by the poll (reconcile.ts) and the webhooks alike.
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

/**
 * The index in `open` (oldest first) of the report's origin, or -1; `at` is when Coinbase
 * made it (ms). A row started before it by our clock comes first; one up to the clock skew
 * after it only when there is none, so that two purchases a few seconds apart each find
 * their own row.
 */
export function originIndex(
  open: RampTransactionRow[],
  report: { asset: string; network: string },
  at: number,
): number {
  const sameKind = (row: RampTransactionRow) =>
    row.asset.toLowerCase() === report.asset.toLowerCase() &&
    row.network.toLowerCase() === report.network.toLowerCase();
  const before = open.findLastIndex((row) => sameKind(row) && row.createdAt.getTime() <= at);
  if (before >= 0) return before;
  return open.findLastIndex(
    (row) => sameKind(row) && row.createdAt.getTime() <= at + CLOCK_SKEW_MS,
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
