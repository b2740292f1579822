import "server-only";
import { and, eq, inArray, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { rampTransaction, type RampTransactionRow } from "@/lib/db/schema";

type Status = RampTransactionRow["status"];
type RampTransactionInsert = typeof rampTransaction.$inferInsert;

/**
 * Statuses only move forward: started < created < awaiting the user's money (a guest order's
 * payment, a sale's deposit) < in progress < success or failed. A late poll answer or a webhook
 * delivered out of order must not move a row back (a sale whose crypto was sent must never ask
 * for it again; a paid order must never read unpaid), and a final row takes nothing but the
 * transaction hash, or the failure reason, it may have lacked. The checks below go in the
 * UPDATE's WHERE, so two writers at once (two instances, a poll and a webhook) cannot break them.
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
 * Writes Coinbase's report on a row (`set`: its fields) where the order above allows: all of
 * it when the report is of the row's status or a later one, not stamped (`at`) before what
 * the row holds (a poll's answer has no stamp; nor has a row no event has touched); to a final
 * row reported final again the same way, only the transaction hash it lacked (Coinbase may
 * announce success before the hash is known, "0x", and the next report carries it) and the
 * failure reason it lacked (the v1 API calls an expired sale FAILED, with no reason; only the
 * offramp event says EXPIRED, and it may come after the poll). True when the row was written.
 */
export async function writeReport(
  db: Database,
  rowId: string,
  report: { status: Status; txHash?: string; failureReason?: string; at?: Date },
  set: Partial<RampTransactionInsert> & { updatedAt: Date },
): Promise<boolean> {
  const thisRow = eq(rampTransaction.id, rowId);
  // The newest stamp stays: a later status stamped earlier (see forward) does not turn it back.
  const at = set.coinbaseUpdatedAt;
  const stamp =
    at && sql`greatest(${rampTransaction.coinbaseUpdatedAt}, ${at.toISOString()}::timestamptz)`;
  const written = await db
    .update(rampTransaction)
    .set({ ...set, ...(stamp && { coinbaseUpdatedAt: stamp }) })
    .where(and(thisRow, forward(report.status, report.at)))
    .returning({ id: rampTransaction.id });
  if (written.length) return true;
  if (!FINAL_STATUSES.includes(report.status)) return false;
  const sameFinal = and(thisRow, eq(rampTransaction.status, report.status));
  const lacked = async (field: "txHash" | "failureReason", value: string | undefined) =>
    value !== undefined &&
    (
      await db
        .update(rampTransaction)
        .set({ [field]: value, updatedAt: set.updatedAt })
        .where(and(sameFinal, isNull(rampTransaction[field])))
        .returning({ id: rampTransaction.id })
    ).length > 0;
  const hashed = await lacked("txHash", report.txHash || undefined);
  const explained = await lacked("failureReason", report.failureReason);
  return hashed || explained;
}

function forward(status: Status, at?: Date): SQL {
  // Never to a lower status, however Coinbase stamped it (a later event without the sale's
  // hash must not ask for the deposit again); within one rank, never to an older stamp. A
  // later status goes on whatever its stamp: an event without `updatedAt` (optional in the
  // OpenAPI) is stamped with its `createdAt`, older than any update before it.
  const replaceable = replaceableBy(status);
  const lower = replaceable.filter((s) => RANK[s] < RANK[status]);
  const same = replaceable.filter((s) => RANK[s] === RANK[status]);
  if (!at || !same.length) return inArray(rampTransaction.status, replaceable);
  const stamp = rampTransaction.coinbaseUpdatedAt;
  const newer = and(inArray(rampTransaction.status, same), or(isNull(stamp), lte(stamp, at)));
  return lower.length ? or(inArray(rampTransaction.status, lower), newer)! : newer!;
}
