import "server-only";
import { and, desc, eq, gt, isNotNull } from "drizzle-orm";
import { getDatabase } from "@/lib/db/client";
import { rampTransaction } from "@/lib/db/schema";
import { FINAL_STATUSES } from "@/lib/ledger/status-order";

// Long enough to pay for an order placed before a reload; an older unfinished one is history.
const RECENT_MS = 30 * 60 * 1000;

/**
 * The user's newest guest order of the last half hour, when it has not ended: a page reloaded
 * (or opened again) mid-payment says so, so that nobody pays twice for one purchase. Only
 * the newest: an older one left unpaid was followed by another, paid or declined since.
 */
export async function findUnfinishedOrder(
  userId: string,
  now = new Date(),
): Promise<{ orderId: string } | null> {
  const [newest] = await getDatabase()
    .db.select({ orderId: rampTransaction.coinbaseOrderId, status: rampTransaction.status })
    .from(rampTransaction)
    .where(
      and(
        eq(rampTransaction.partnerUserRef, userId),
        isNotNull(rampTransaction.coinbaseOrderId),
        gt(rampTransaction.createdAt, new Date(now.getTime() - RECENT_MS)),
      ),
    )
    .orderBy(desc(rampTransaction.createdAt))
    .limit(1);
  const ended = !newest || (FINAL_STATUSES as readonly string[]).includes(newest.status);
  return ended || !newest.orderId ? null : { orderId: newest.orderId };
}
