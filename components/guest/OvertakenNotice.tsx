import Link from "next/link";
import { useId } from "react";

/**
 * An order of this tab's that another tab's order took the place of, or that was paid for
 * elsewhere, so that one purchase is not paid twice. `replacement`: this tab replaced an unpaid order that another tab had already
 * replaced, and its own order was marked replaced by that tab's (its payment button never
 * shown). `payment`: this tab was offering to pay an order, or telling of it (the last order's
 * notice), that another tab then replaced (a payment button removed: Coinbase cannot cancel the
 * order, and the button would still take a payment for it). `paid`: this tab was changing an
 * order that was paid for in another tab or on another device meanwhile; no order was placed
 * (`replacedBy` is the paid order).
 */
export type Overtaken = "replacement" | "payment" | "paid";

const HEADING: Record<Overtaken, (order: string) => string> = {
  replacement: () => "Already replaced in another tab",
  payment: (order) => `${order} was replaced in another tab`,
  paid: () => "Already paid",
};

const WHY: Record<Overtaken, string> = {
  replacement:
    "The order you were replacing had already been replaced in another tab, so the order from this tab is not to be paid, and nothing was charged for it.",
  payment:
    "An order placed in another tab took this one's place before it was paid for, so this order is not to be paid, and nothing will be charged for it.",
  paid: "The order you were changing was paid for in another tab or on another device, so no new order was placed, and nothing more will be charged.",
};

const LINK: Record<Overtaken, string> = {
  replacement: "Go to the order placed in the other tab",
  payment: "Go to the order placed in the other tab",
  paid: "Go to the paid order",
};

export function OvertakenNotice({
  replacedBy,
  lost,
  orderName = "This order",
}: {
  replacedBy: string;
  lost: Overtaken;
  /** How the heading names the order: on its pay step "This order"; the notice names it. */
  orderName?: string;
}) {
  // An id of its own, wherever it is shown: as a step, or in the last order's notice.
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="space-y-2">
      <h2 id={titleId} className="text-xl font-semibold">
        {HEADING[lost](orderName)}
      </h2>
      <p className="text-slate-800">{WHY[lost]}</p>
      <Link
        href={`/buy/guest/orders/${encodeURIComponent(replacedBy)}`}
        className="inline-block font-medium text-blue-800 underline"
      >
        {LINK[lost]}
      </Link>
    </section>
  );
}
