import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { rampTransaction } from "@/lib/db/schema";

/**
 * The user's unpaid guest order that `orderId` took the place of ("Change the order", or "buy
 * again" from its page): it says so (its page, the history) instead of waiting to be paid, and
 * its payment button is dropped, so a reload never frames it again. Only the user's own, and
 * only while it waits for its payment: one Coinbase reported paid stands, and should Coinbase
 * report on it after all, the row moves on as usual. Only once: the first order to take its
 * place stands, so that a second tab replacing it too cannot rewrite which one did (the check
 * is in the update itself, not read before it). True when a row was marked.
 */
export async function markReplaced(
  db: Database,
  partnerUserRef: string,
  replaced: string,
  orderId: string,
): Promise<boolean> {
  const marked = await db
    .update(rampTransaction)
    .set({ replacedBy: orderId, paymentLinkUrl: null, paymentLinkType: null })
    .where(
      and(
        eq(rampTransaction.partnerUserRef, partnerUserRef),
        eq(rampTransaction.coinbaseOrderId, replaced),
        inArray(rampTransaction.status, ["created", "awaiting_payment"]),
        isNull(rampTransaction.replacedBy),
      ),
    )
    .returning({ id: rampTransaction.id });
  return marked.length > 0;
}
