import "server-only";
import { and, desc, eq, gt, isNotNull, isNull } from "drizzle-orm";
import { getDatabase } from "@/lib/db/client";
import { rampTransaction } from "@/lib/db/schema";
import { FINAL_STATUSES } from "@/lib/ledger/status-order";
import type { OrderPurchase } from "./buy-again";

// Long enough to pay for an order placed before a reload; an older unfinished one is history.
const RECENT_MS = 30 * 60 * 1000;

export interface UnfinishedOrder {
  orderId: string;
  /** Its payment button, when it was stored at the order's creation (from migration 0005 on). */
  paymentLink?: { url: string; paymentLinkType: string };
  /** What it buys, to name it ("$16.41 of USDC on Base") when its amount is known. */
  purchase?: OrderPurchase;
}

/**
 * The user's newest guest order of the last half hour, when it has not ended: a page reloaded
 * (or opened again) mid-payment takes the user back to it, so that nobody pays twice for one
 * purchase. Only the newest: an older one left unpaid was followed by another, paid or
 * declined since. Never one replaced by another (lib/ledger/mark-replaced.ts), which may be the
 * newest when a second tab replaced the same order late: the order it stands behind is the one.
 * As the ledger has it: lib/guest/last-order.ts asks Coinbase.
 */
export async function findUnfinishedOrder(
  userId: string,
  now = new Date(),
): Promise<UnfinishedOrder | null> {
  const [newest] = await getDatabase()
    .db.select({
      orderId: rampTransaction.coinbaseOrderId,
      status: rampTransaction.status,
      url: rampTransaction.paymentLinkUrl,
      paymentLinkType: rampTransaction.paymentLinkType,
      total: rampTransaction.fiatAmount,
      currency: rampTransaction.fiatCurrency,
      asset: rampTransaction.asset,
      network: rampTransaction.network,
    })
    .from(rampTransaction)
    .where(
      and(
        eq(rampTransaction.partnerUserRef, userId),
        isNotNull(rampTransaction.coinbaseOrderId),
        isNull(rampTransaction.replacedBy),
        gt(rampTransaction.createdAt, new Date(now.getTime() - RECENT_MS)),
      ),
    )
    .orderBy(desc(rampTransaction.createdAt))
    .limit(1);
  const ended = !newest || (FINAL_STATUSES as readonly string[]).includes(newest.status);
  if (ended || !newest.orderId) return null;
  const { url, paymentLinkType, total, currency, asset, network } = newest;
  return {
    orderId: newest.orderId,
    ...(url && paymentLinkType ? { paymentLink: { url, paymentLinkType } } : {}),
    ...(total && currency ? { purchase: { total, currency, asset, network } } : {}),
  };
}
