import Link from "next/link";
import { getConfig } from "@/lib/config/env";
import type { Side } from "./form-state";
import { TransactionStatus } from "./TransactionStatus";

const AGAIN = {
  buy: { href: "/buy", label: "Buy crypto" },
  sell: { href: "/sell", label: "Sell crypto" },
} as const;

/** Where Coinbase sends the user back: what actually happened, and what comes next. */
export function CompletionNotice({ side }: { side: Side }) {
  const { ramp } = getConfig();
  const again = AGAIN[side];
  return (
    <section className="space-y-6" aria-labelledby="complete-title">
      <TransactionStatus
        side={side}
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
