import Link from "next/link";
import type { Side } from "./form-state";

const COPY = {
  buy: {
    title: "Back from Coinbase",
    done: "If you completed the purchase, Coinbase is now sending the crypto to your wallet. It usually arrives within minutes; Coinbase emails you a receipt.",
    cancelled: "If you cancelled, nothing was charged and no money moved.",
    again: { href: "/buy", label: "Buy more" },
  },
  sell: {
    title: "Back from Coinbase",
    done: "If you confirmed the sale, one step remains: send the crypto from your wallet to the address Coinbase showed you. Coinbase pays out once it arrives.",
    cancelled: "If you cancelled, nothing was sold and nothing needs to be sent.",
    again: { href: "/sell", label: "Sell more" },
  },
} as const;

/** Where Coinbase sends the user back: what happened and what comes next. */
export function CompletionNotice({ side }: { side: Side }) {
  const copy = COPY[side];
  return (
    <section className="space-y-4" aria-labelledby="complete-title">
      <h1 id="complete-title" className="text-3xl font-semibold">{copy.title}</h1>
      <p>{copy.done}</p>
      <p className="text-slate-700">{copy.cancelled}</p>
      <p className="flex gap-4">
        <Link href={copy.again.href} className="font-medium text-blue-800 underline">{copy.again.label}</Link>
        <Link href="/" className="text-blue-800 underline">Home</Link>
      </p>
    </section>
  );
}
