import Link from "next/link";
import { getConfig } from "@/lib/config/env";
import type { Side } from "./form-state";
import { TransactionStatus } from "./TransactionStatus";

const COPY = {
  buy: {
    next: "When the purchase succeeds, Coinbase sends the crypto to your wallet; it usually arrives within minutes, and Coinbase emails a receipt.",
    again: { href: "/buy", label: "Buy more" },
  },
  sell: {
    next: "A sale finishes when your crypto reaches Coinbase: send it from your wallet as shown, then Coinbase pays out.",
    again: { href: "/sell", label: "Sell more" },
  },
} as const;

/** Where Coinbase sends the user back: what actually happened, and what comes next. */
export function CompletionNotice({ side }: { side: Side }) {
  const { ramp } = getConfig();
  const copy = COPY[side];
  return (
    <section className="space-y-4" aria-labelledby="complete-title">
      <h1 id="complete-title" className="text-3xl font-semibold">
        Back from Coinbase
      </h1>
      <p className="text-slate-700">{copy.next}</p>
      <TransactionStatus
        side={side}
        sandboxDepositUrl={ramp.mode === "sandbox" ? `${ramp.payBaseUrl}/deposit` : undefined}
      />
      <p className="flex gap-4">
        <Link href={copy.again.href} className="font-medium text-blue-800 underline">
          {copy.again.label}
        </Link>
        <Link href="/" className="text-blue-800 underline">
          Home
        </Link>
      </p>
    </section>
  );
}
