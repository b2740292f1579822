import Link from "next/link";

const FLOWS = [
  {
    href: "/buy",
    title: "Buy crypto",
    text: "Pay with a card or bank and receive crypto in your own wallet (Coinbase Onramp).",
  },
  {
    href: "/sell",
    title: "Sell crypto",
    text: "Send crypto from your wallet and cash out to your bank or Coinbase balance (Coinbase Offramp).",
  },
  {
    href: "/connect",
    title: "Connect Coinbase",
    text: "Let an app see your balances or act for you, with exactly the permissions it needs (Coinbase Connect).",
  },
];

export default function HomePage() {
  return (
    <div className="space-y-8">
      <section className="space-y-3">
        <h1 className="text-3xl font-semibold">Coinbase ramps and Connect, done right</h1>
        <p className="text-slate-700">
          A reference integration: the server mints single-use session tokens with a CDP API key and
          builds the Coinbase URLs; the browser never sees a key. Without keys, a local sandbox
          stands in for Coinbase.
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
    </div>
  );
}
