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

/**
 * `orderId`, just placed, takes the place of `replaced` (markReplaced), unless another order
 * took it first: the same order replaced in a second tab. Then that order is the one to pay,
 * and `orderId` is marked replaced by it too, so that the one purchase is not left twice in the
 * history, once as an order waiting for a payment that nobody is offered to make (Coinbase's
 * order API cannot cancel it; unpaid, it charges nothing). Returns the order that came first,
 * if one did. A `replaced` that cannot be replaced for another reason (paid meanwhile, not the
 * user's) leaves `orderId` an order of its own, as before.
 */
export async function replaceOrder(
  db: Database,
  partnerUserRef: string,
  replaced: string,
  orderId: string,
): Promise<{ overtakenBy?: string }> {
  if (await markReplaced(db, partnerUserRef, replaced, orderId)) return {};
  // Once set, `replacedBy` is never changed: read after the update, it is the order that won.
  const [row] = await db
    .select({ replacedBy: rampTransaction.replacedBy })
    .from(rampTransaction)
    .where(
      and(
        eq(rampTransaction.partnerUserRef, partnerUserRef),
        eq(rampTransaction.coinbaseOrderId, replaced),
      ),
    );
  const winner = row?.replacedBy;
  if (!winner || winner === orderId) return {};
  await markReplaced(db, partnerUserRef, orderId, winner);
  return { overtakenBy: winner };
}
