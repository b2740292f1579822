import "server-only";
import { and, eq, inArray, isNull, lte, or, type SQL } from "drizzle-orm";
import { rampTransaction, type RampTransactionRow } from "@/lib/db/schema";

type Status = RampTransactionRow["status"];

/**
 * Statuses only move forward: started < created < awaiting the user's money (a guest order's
 * payment, a sale's deposit) < in progress < success or failed. A late poll answer or a webhook
 * delivered out of order must not move a row back (a sale whose crypto was sent must never ask
 * for it again; a paid order must never read unpaid), and a final row takes nothing but the
 * transaction hash it may have lacked. The checks below go in the UPDATE's WHERE, so two
 * writers at once (two instances, a poll and a webhook) cannot break them.
 */
export const FINAL_STATUSES: Status[] = ["success", "failed"];

const RANK: Record<Status, number> = {
  started: 0,
  created: 1,
  awaiting_payment: 2,
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
 * Whether a row may take a report of `status` that Coinbase stamped at `at`: one of the same
 * status or a later one, not stamped before what the row holds (a poll's answer has no
 * stamp; nor has a row no event has touched); or, for a final row, the hash it lacked.
 */
export function mayTake(status: Status, at?: Date): SQL {
  return or(forward(status, at), completing(status))!;
}

function forward(status: Status, at?: Date): SQL {
  // Never to a lower status, however Coinbase stamped it (a later event without the sale's
  // hash must not ask for the deposit again); and never to an older stamp.
  const byRank = inArray(rampTransaction.status, replaceableBy(status));
  if (!at) return byRank;
  const stamp = rampTransaction.coinbaseUpdatedAt;
  return and(byRank, or(isNull(stamp), lte(stamp, at)))!;
}

/**
 * A final row reported final again, the same way, while it has no transaction hash: Coinbase
 * may announce success before the hash is known ("0x"), and the next report carries it.
 */
function completing(status: Status): SQL | undefined {
  if (!FINAL_STATUSES.includes(status)) return undefined;
  return and(eq(rampTransaction.status, status), isNull(rampTransaction.txHash));
}
