import type { Checkout } from "@/lib/sandbox/pay/checkouts";
import { networkName } from "@/lib/ramp/catalog";
import type { Money } from "@/lib/sandbox/cdp/pricing";
import { PriceSummary, QuoteSummary } from "./pay/QuoteSummary";

const LABELS: Record<string, string> = {
  defaultAsset: "Asset",
  defaultNetwork: "Network",
  presetFiatAmount: "Amount (fiat)",
  presetCryptoAmount: "Amount (crypto)",
  fiatCurrency: "Currency",
  defaultPaymentMethod: "Payment method",
  defaultCashoutMethod: "Cash-out method",
  defaultExperience: "Experience",
  partnerUserId: "Partner user id",
  partnerUserRef: "Partner user ref",
};

/** What the sandbox pay page shows: the session's grant, the quote if any, the presets, and the two outcomes. */
export function SandboxCheckout({
  checkout,
  amountProblem,
  figures,
}: {
  checkout: Checkout;
  /** Without a quote, what confirming makes at today's price (`checkoutFigures`). */
  figures?: { label: string; money: Money }[];
  /** Why Coinbase would not confirm this amount: shown, and only Cancel offered. */
  amountProblem?: string;
}) {
  const verb = checkout.kind === "buy" ? "Buy" : "Sell";
  return (
    <section aria-labelledby="checkout-title" className="space-y-6">
      <h1 id="checkout-title" className="text-2xl font-semibold">
        {verb} crypto
      </h1>
      <div>
        <h2 className="font-medium">{checkout.kind === "buy" ? "Deliver to" : "Sell from"}</h2>
        <ul className="mt-2 space-y-1 text-sm">
          {checkout.grant.addresses.map((entry) => (
            <li key={entry.address} className="break-all">
              <span className="font-mono">{entry.address}</span> on{" "}
              {entry.blockchains.map(networkName).join(", ")}
            </li>
          ))}
        </ul>
        <p className="mt-2 text-sm">
          Assets: {checkout.grant.assets?.join(", ") ?? "any on these networks"}
        </p>
      </div>
      {checkout.quote && <QuoteSummary quote={checkout.quote} />}
      {!checkout.quote && !amountProblem && figures && <PriceSummary figures={figures} />}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        {Object.entries(checkout.presets).map(([name, value]) => (
          <div key={name} className="contents">
            <dt className="text-slate-600">{LABELS[name] ?? name}</dt>
            <dd className="break-all font-mono" data-param={name}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      {amountProblem && (
        <p role="alert" className="text-red-800">
          {amountProblem}
        </p>
      )}
      <form method="post" action="/sandbox/pay/checkout" className="flex flex-wrap gap-3">
        <input type="hidden" name="checkoutId" value={checkout.id} />
        {!amountProblem && (
          <button
            name="outcome"
            value="completed"
            className="rounded-full bg-blue-700 px-5 py-2 font-medium text-white hover:bg-blue-800"
          >
            {checkout.kind === "buy" ? "Complete purchase" : "Confirm sale"}
          </button>
        )}
        {/* The sandbox's own: a purchase whose payment fails, to see that path before going live. */}
        {!amountProblem && checkout.kind === "buy" && (
          <button
            name="outcome"
            value="declined"
            className="rounded-full border border-slate-400 px-5 py-2 font-medium hover:bg-slate-100"
          >
            Payment declined
          </button>
        )}
        <button
          name="outcome"
          value="cancelled"
          className="rounded-full border border-slate-400 px-5 py-2 font-medium hover:bg-slate-100"
        >
          Cancel
        </button>
      </form>
    </section>
  );
}

/**
 * A pay page that cannot open (a used or expired link, a closed sale): its words tell the user
 * to go back to the app, and `backHref`, the app's own page for starting again, takes them.
 */
export function SandboxCheckoutError({
  title,
  message,
  backHref,
}: {
  title: string;
  message: string;
  backHref: string;
}) {
  return (
    <section role="alert" className="space-y-3">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p>{message}</p>
      <p>
        <a href={backHref} className="font-medium text-blue-800 underline">
          Back to the app
        </a>
      </p>
    </section>
  );
}
