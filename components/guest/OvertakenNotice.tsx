import Link from "next/link";

/**
 * This tab replaced an unpaid order that another tab had already replaced: the order placed
 * there is the one to pay or follow, and the one placed here was marked replaced by it (its
 * payment button never shown), so that one purchase is not paid twice.
 */
export function OvertakenNotice({ replacedBy }: { replacedBy: string }) {
  return (
    <section aria-labelledby="overtaken-title" className="space-y-2">
      <h2 id="overtaken-title" className="text-xl font-semibold">
        Already replaced in another tab
      </h2>
      <p className="text-slate-800">
        The order you were replacing had already been replaced in another tab, so the order from
        this tab is not to be paid, and nothing was charged for it.
      </p>
      <Link
        href={`/buy/guest/orders/${encodeURIComponent(replacedBy)}`}
        className="inline-block font-medium text-blue-800 underline"
      >
        Go to the order placed in the other tab
      </Link>
    </section>
  );
}
