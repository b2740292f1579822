import "server-only";
import { and, desc, eq, gt, isNotNull, notInArray } from "drizzle-orm";
import { getDatabase } from "@/lib/db/client";
import { rampTransaction } from "@/lib/db/schema";
import { FINAL_STATUSES } from "@/lib/ledger/status-order";

// Long enough to pay for an order placed before a reload; an older unfinished one is history.
const RECENT_MS = 30 * 60 * 1000;

/**
 * The user's newest guest order of the last half hour that has not ended: a page reloaded
 * (or opened again) mid-payment says so, so that nobody pays twice for one purchase.
 */
export async function findUnfinishedOrder(
  userId: string,
  now = new Date(),
): Promise<{ orderId: string } | null> {
  const [row] = await getDatabase()
    .db.select({ orderId: rampTransaction.coinbaseOrderId })
    .from(rampTransaction)
    .where(
      and(
        eq(rampTransaction.partnerUserRef, userId),
        isNotNull(rampTransaction.coinbaseOrderId),
        notInArray(rampTransaction.status, FINAL_STATUSES),
        gt(rampTransaction.createdAt, new Date(now.getTime() - RECENT_MS)),
      ),
    )
    .orderBy(desc(rampTransaction.createdAt))
    .limit(1);
  return row?.orderId ? { orderId: row.orderId } : null;
}
