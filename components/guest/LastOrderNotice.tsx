"use client";

import Link from "next/link";
import { useState } from "react";
import { useOrderWatch } from "./use-order-watch";

/**
 * The user's last order, placed before this page was (re)loaded and not to be paid here (paid
 * already, or its button is not known): follow it before buying again. It is watched, and
 * turns into its outcome once Coinbase has one, rather than saying "not finished" of an order
 * that has.
 */
type Kind = "unfinished" | "paid" | "completed" | "failed";

const TEXT: Record<Kind, string> = {
  unfinished:
    "Your last order has not finished. If you paid for it, it is still on its way: check it before buying again.",
  paid: "Your last order is paid: Coinbase is sending your crypto.",
  completed: "Your last order is complete: your crypto has been sent.",
  failed: "Your last order did not go through. Nothing was charged.",
};

export function LastOrderNotice({ orderId, initial }: { orderId: string; initial: Kind }) {
  const [kind, setKind] = useState(initial);
  const final = kind === "completed" || kind === "failed";
  useOrderWatch(final ? undefined : orderId, (answer) => {
    const status = answer.transaction.status;
    if (status === "success") setKind("completed");
    else if (status === "failed") setKind("failed");
    else if (status === "in_progress") setKind("paid");
  });
  return (
    <div
      role="status"
      className={`space-y-1 rounded-lg p-4 text-sm ${final ? "bg-slate-100 text-slate-900" : "bg-amber-50 text-amber-950"}`}
    >
      <p>{TEXT[kind]}</p>
      <Link href={`/buy/guest/orders/${orderId}`} className="font-medium underline">
        {final ? "See that order" : "Follow that order"}
      </Link>
    </div>
  );
}
