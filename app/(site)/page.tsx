import Link from "next/link";
import { withViewerCheck } from "@/components/auth/PageViewerCheck";

// Written for the person who wants to buy, sell or connect: what each flow does for them,
// and where their card, bank and password go (to Coinbase, never to this app).
const FLOWS = [
  {
    href: "/buy",
    title: "Buy crypto",
    text: "Pay by card, bank, Apple Pay or Google Pay and receive crypto in your own wallet.",
  },
  {
    href: "/sell",
    title: "Sell crypto",
    text: "Send crypto from your wallet and get cash in your bank or Coinbase account.",
  },
  {
    href: "/connect",
    title: "Connect Coinbase",
    text: "Let an app see your balances or send for you, only with the permissions you approve.",
  },
];

function HomePage() {
  return (
    <div className="space-y-8">
      <section className="space-y-3">
        <h1 className="text-3xl font-semibold">Buy, sell and connect with Coinbase</h1>
        <p className="text-slate-700">
          You pay, cash out and approve on Coinbase&apos;s own pages: your card, bank details and
          Coinbase password never pass through this app.
        </p>
      </section>
      <ul className="grid gap-4 sm:grid-cols-3">
        {FLOWS.map((flow) => (
          <li key={flow.href}>
            <Link
              href={flow.href}
              className="block h-full rounded-xl border border-slate-200 p-4 hover:border-blue-700"
            >
              <h2 className="font-semibold text-blue-800">{flow.title}</h2>
              <p className="mt-1 text-sm text-slate-700">{flow.text}</p>
            </Link>
          </li>
        ))}
      </ul>
      <p className="text-sm text-slate-600">
        Building on Coinbase? This app is an open reference integration: its README shows how to run
        it with no keys and how to go live.
      </p>
    </div>
  );
}

export default withViewerCheck(HomePage);
