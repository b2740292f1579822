import "server-only";
import { and, eq, inArray, isNull, lt, notInArray, or, type SQL } from "drizzle-orm";
import { rampTransaction, type RampTransactionRow } from "@/lib/db/schema";

type Status = RampTransactionRow["status"];

/**
 * Statuses only move forward: started < created < awaiting a deposit (a sale) < in progress
 * < success or failed. A late poll answer or a webhook delivered out of order must not move a
 * row back (a sale whose crypto was sent must never ask for it again), and a final row takes
 * nothing but the transaction hash it may have lacked. The checks below go in the UPDATE's
 * WHERE, so two writers at once (two instances, a poll and a webhook) cannot break them.
 */
export const FINAL_STATUSES: Status[] = ["success", "failed"];

const RANK: Record<Status, number> = {
  started: 0,
  created: 1,
  awaiting_deposit: 2,
  in_progress: 3,
  success: 4,
  failed: 4,
};

/** The statuses a report of `status` may replace: its rank and below, never a final one. */
function replaceableBy(status: Status): Status[] {
  return (Object.keys(RANK) as Status[]).filter(
    (s) => RANK[s] <= RANK[status] && !FINAL_STATUSES.includes(s),
  );
}

/**
 * Whether a row may take a report of `status` that Coinbase stamped at `at`: a newer stamp
 * wins; the same stamp, or none on either side (a poll's answer, a row no event has
 * touched), is decided by the status's rank.
 */
export function mayTake(status: Status, at?: Date): SQL {
  return or(forward(status, at), completing(status))!;
}

function forward(status: Status, at?: Date): SQL {
  const byRank = inArray(rampTransaction.status, replaceableBy(status));
  if (!at) return byRank;
  const stamp = rampTransaction.coinbaseUpdatedAt;
  return and(
    notInArray(rampTransaction.status, FINAL_STATUSES),
    or(and(isNull(stamp), byRank), lt(stamp, at), and(eq(stamp, at), byRank)),
  )!;
}

/**
 * A final row reported final again, the same way, while it has no transaction hash: Coinbase
 * may announce success before the hash is known ("0x"), and the next report carries it.
 */
function completing(status: Status): SQL | undefined {
  if (!FINAL_STATUSES.includes(status)) return undefined;
  return and(eq(rampTransaction.status, status), isNull(rampTransaction.txHash));
}
