import "server-only";
import type { SignedInUser } from "@/lib/auth/current-user";
import { isAppError } from "@/lib/http/app-error";
import { log } from "@/lib/log/logger";
import { isFramable } from "@/lib/security/csp";
import type { OrderPurchase } from "./buy-again";
import { readOrderForPage, type PlacedOrder } from "./orders";
import { findUnfinishedOrder } from "./unfinished-order";

/**
 * What /buy/guest makes of the user's last unfinished order, asked of Coinbase (the ledger
 * alone may lag behind a payment): still waiting for its payment, its pay step again, with
 * the same button; otherwise how it stands, so that the page never offers to pay twice nor
 * says "not finished" of an order paid meanwhile.
 */
export type LastOrder =
  { kind: "payable"; placed: PlacedOrder; purchase?: OrderPurchase } | LastOrderToFollow;

/** An order shown as a notice, to follow from its own page. */
export interface LastOrderToFollow {
  kind: "unfinished" | "paid" | "completed" | "failed";
  orderId: string;
  purchase?: OrderPurchase;
}

export async function readLastOrder(user: SignedInUser): Promise<LastOrder | null> {
  const unfinished = await findUnfinishedOrder(user.id);
  if (!unfinished) return null;
  const { orderId, paymentLink: link, purchase } = unfinished;
  let found: Awaited<ReturnType<typeof readOrderForPage>>;
  try {
    found = await readOrderForPage(user, orderId);
  } catch (error) {
    // The page still opens: the order is followed from its own page.
    log("warn", "guest_last_order_unread", {
      reason: isAppError(error) ? error.code : "unexpected",
    });
    return { kind: "unfinished", orderId, purchase };
  }
  const order = found?.order;
  // The page may frame one origin only (its CSP): a link stored under another is not embedded.
  if (order?.status === "ONRAMP_ORDER_STATUS_PENDING_PAYMENT" && link && isFramable(link.url))
    return {
      kind: "payable",
      placed: { orderId, paymentLinkUrl: link.url, paymentLinkType: link.paymentLinkType, order },
      purchase,
    };
  const status = found?.row.status;
  const kind =
    status === "success"
      ? "completed"
      : status === "failed"
        ? "failed"
        : status === "in_progress"
          ? "paid"
          : "unfinished";
  return { kind, orderId, purchase };
}

/**
 * What /buy/guest shows of the last order, for a page opened by a link that repeats an order:
 * in its place (`replaces`: that order is not shown at all) or beside it ("Buy more", `from`).
 * The order a link repeats is never paid from here, whatever Coinbase answered: the user asked
 * for a new one, and its own page (Coinbase unreachable) may not have known it unpaid. It is
 * named in the notice instead. Any other order waiting for its payment (placed from this very
 * link, then the page reloaded) comes back to its pay step.
 */
export function lastOrderShown(
  last: LastOrder | null,
  link: { replaces?: string; from?: string },
): { resumed?: PlacedOrder; notice?: LastOrderToFollow } {
  if (!last) return {};
  const orderId = last.kind === "payable" ? last.placed.orderId : last.orderId;
  if (orderId === link.replaces) return {};
  if (last.kind !== "payable") return { notice: last };
  if (orderId === link.from)
    return { notice: { kind: "unfinished", orderId, purchase: last.purchase } };
  return { resumed: last.placed };
}
