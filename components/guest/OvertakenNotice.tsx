import Link from "next/link";

/**
 * An order of this tab's that another tab's order took the place of, so that one purchase is
 * not paid twice. `replacement`: this tab replaced an unpaid order that another tab had already
 * replaced, and its own order was marked replaced by that tab's (its payment button never
 * shown). `payment`: this tab was offering to pay an order that another tab then replaced (its
 * payment button removed: Coinbase cannot cancel the order, and the button would still take a
 * payment for it).
 */
export type Overtaken = "replacement" | "payment";

const HEADING: Record<Overtaken, string> = {
  replacement: "Already replaced in another tab",
  payment: "This order was replaced in another tab",
};

const WHY: Record<Overtaken, string> = {
  replacement:
    "The order you were replacing had already been replaced in another tab, so the order from this tab is not to be paid, and nothing was charged for it.",
  payment:
    "An order placed in another tab took this one's place before it was paid for, so this order is not to be paid, and nothing will be charged for it.",
};

export function OvertakenNotice({ replacedBy, lost }: { replacedBy: string; lost: Overtaken }) {
  return (
    <section aria-labelledby="overtaken-title" className="space-y-2">
      <h2 id="overtaken-title" className="text-xl font-semibold">
        {HEADING[lost]}
      </h2>
      <p className="text-slate-800">{WHY[lost]}</p>
      <Link
        href={`/buy/guest/orders/${encodeURIComponent(replacedBy)}`}
        className="inline-block font-medium text-blue-800 underline"
      >
        Go to the order placed in the other tab
      </Link>
    </section>
  );
}
