"use client";

import Link from "next/link";
import { useState } from "react";
import { buyAgainHref, type OrderPurchase } from "@/lib/guest/buy-again";
import { failedAfterPaymentText, failedOrderCopy } from "@/lib/guest/failed-order-text";
import { networkName } from "@/lib/ramp/catalog";
import { moneyAmount } from "@/lib/ramp/money-text";
import { replacingOrder } from "@/lib/ramp/transactions";
import { OvertakenNotice } from "./OvertakenNotice";
import { useOrderWatch } from "./use-order-watch";

/**
 * The user's last order, placed before this page was (re)loaded and not to be paid here (paid
 * already, or its button is not known): follow it before buying again. It is watched, and
 * turns into its outcome once Coinbase has one, rather than saying "not finished" of an order
 * that has; replaced in another tab while unpaid, it says so as the pay step would, with the
 * order to follow instead. Named by its amount: the user may have placed several.
 */
type Kind = "unfinished" | "paid" | "completed" | "failed";

const TEXT: Record<Kind, string> = {
  unfinished:
    "has not finished. If you paid for it, it is still on its way: check it before buying again.",
  paid: "is paid: Coinbase is sending your crypto.",
  completed: "is complete: your crypto has been sent.",
  // Declined, or failed after its payment: Coinbase's order does not say which, nor documents
  // a refund, so the notice does not claim that nothing was charged; a decline, the usual
  // case, charged nothing, and what to do then comes first.
  failed:
    "did not go through. If your card was declined, nothing was charged: buy again with another card, or with Apple Pay or Google Pay. If you were charged, contact Coinbase support with the order number on its page.",
};

// An unpaid order the form below will replace (its values changed after a reload): what
// Continue does is said, not only that the order has not finished.
const REPLACED_ON_CONTINUE =
  "is not paid. Continuing below places the purchase shown in its place. If you paid for it already, follow that order instead.";

const BOX = "space-y-1 rounded-lg p-4 text-sm";
const SETTLED = "bg-slate-100 text-slate-900";

export function LastOrderNotice({
  orderId,
  initial,
  purchase,
  replacedOnContinue = false,
}: {
  orderId: string;
  initial: Kind;
  purchase?: OrderPurchase;
  /** The form below places its order in this one's place. */
  replacedOnContinue?: boolean;
}) {
  const [kind, setKind] = useState(initial);
  // Seen paid here (so said above, before it failed): the user was not declined.
  const [seenPaid, setSeenPaid] = useState(initial === "paid");
  const [replacedBy, setReplacedBy] = useState<string>();
  const final = kind === "completed" || kind === "failed";
  useOrderWatch(final || replacedBy ? undefined : orderId, (answer) => {
    const status = answer.transaction.status;
    const replacement = replacingOrder(answer.transaction);
    if (replacement) setReplacedBy(replacement);
    else if (status === "success") setKind("completed");
    else if (status === "failed") setKind("failed");
    else if (status === "in_progress") {
      setKind("paid");
      setSeenPaid(true);
    }
  });
  const named = purchase
    ? `, ${moneyAmount(purchase.total, purchase.currency)} of ${purchase.asset} on ${networkName(purchase.network)},`
    : "";
  if (replacedBy)
    return (
      <div role="status" className={`${BOX} ${SETTLED}`}>
        <OvertakenNotice
          replacedBy={replacedBy}
          lost="payment"
          orderName={`Your last order${named}`}
        />
      </div>
    );
  return (
    <div role="status" className={`${BOX} ${final ? SETTLED : "bg-amber-50 text-amber-950"}`}>
      <p>
        Your last order{named} {noticeText(kind, seenPaid, replacedOnContinue)}
      </p>
      <p className="flex flex-wrap gap-x-4">
        <Link href={`/buy/guest/orders/${orderId}`} className="font-medium underline">
          {final ? "See that order" : "Follow that order"}
        </Link>
        {/* The same purchase, as a new order, is one step away. */}
        {kind === "failed" && purchase && (
          <Link href={buyAgainHref(orderId, purchase)} className="font-medium underline">
            Buy again with the same details
          </Link>
        )}
      </p>
    </div>
  );
}

/** What follows the order's name, as far as this tab has seen the order go. */
function noticeText(kind: Kind, seenPaid: boolean, replacedOnContinue: boolean): string {
  if (kind === "unfinished" && replacedOnContinue) return REPLACED_ON_CONTINUE;
  if (kind === "failed" && failedOrderCopy(seenPaid) === "after_payment")
    return failedAfterPaymentText("on its page");
  return TEXT[kind];
}
