import Link from "next/link";
import { getConfig } from "@/lib/config/env";
import type { Side } from "./form-state";
import { TransactionStatus } from "./TransactionStatus";

const AGAIN = {
  buy: { href: "/buy", label: "Buy crypto" },
  sell: { href: "/sell", label: "Sell crypto" },
} as const;

/**
 * Where Coinbase sends the user back: what actually happened, and what comes next. Led by
 * `order` (the pay URL's own, see lib/ramp/return-order.ts) when it is one of the reader's.
 */
export function CompletionNotice({
  side,
  order,
  orderNamed = order !== undefined,
  fromList,
}: {
  side: Side;
  order?: string;
  /** The link names an order, readable or not (a damaged one is none of the reader's). */
  orderNamed?: boolean;
  /** Opened from a list that showed the order's outcome (lib/ramp/return-order.ts). */
  fromList?: boolean;
}) {
  const { ramp } = getConfig();
  const again = AGAIN[side];
  return (
    <section className="space-y-6" aria-labelledby="complete-title">
      <TransactionStatus
        side={side}
        order={order}
        orderNamed={orderNamed}
        fromList={fromList}
        sandboxDepositUrl={ramp.mode === "sandbox" ? `${ramp.payBaseUrl}/deposit` : undefined}
      />
      <p className="flex gap-4">
        <Link href={again.href} className="font-medium text-blue-800 underline">
          {again.label}
        </Link>
        <Link href="/account" className="text-blue-800 underline">
          Your history
        </Link>
        <Link href="/" className="text-blue-800 underline">
          Home
        </Link>
      </p>
    </section>
  );
}
