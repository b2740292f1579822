import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SubmitOnceForm } from "@/components/shared/SubmitOnceForm";
import { networkName } from "@/lib/ramp/catalog";
import { moneyAmount } from "@/lib/ramp/money-text";
import { peekHandoff, refusalPage, type HandoffSummary } from "@/lib/ramp/handoff";
import { withViewerCheck } from "@/components/auth/PageViewerCheck";

export const metadata = {
  title: "Phone link",
  robots: { index: false },
} satisfies Metadata;

type Props = { params: Promise<{ id: string }> };

/**
 * Where a phone link (`/h/<id>`) always lands first: what it will open, and a button that
 * opens it. Showing this mints nothing and uses nothing up, so a chat's link preview, a
 * mail scanner or a prefetch that fetches the link leaves it for the user.
 */
async function OpenHandoffPage({ params }: Props) {
  const { id } = await params;
  const link = await peekHandoff(id);
  if (!link.ok) redirect(await refusalPage(id, link.reason, link.side));
  return (
    <section className="space-y-4" aria-labelledby="handoff-title">
      <h1 id="handoff-title" className="text-3xl font-semibold">
        Continue to Coinbase
      </h1>
      <p>This was started on another device (your computer) and sent to this one.</p>
      <p data-testid="handoff-summary">{describe(link.summary)}</p>
      {/* In full: a look-alike address (a clipboard swapped, a poisoned paste) shares its ends. */}
      <p className="break-all font-mono text-sm" data-testid="handoff-wallet">
        {link.summary.address}
      </p>
      <SubmitOnceForm
        action={`/h/${id}`}
        label="Continue to Coinbase"
        pendingLabel="Opening Coinbase…"
        className="rounded-full bg-blue-700 px-5 py-3 font-medium text-white hover:bg-blue-800 disabled:opacity-70"
      />
      <p className="text-sm text-slate-700">
        This link works once, for 10 minutes after it was made. Nothing happens until you continue.
      </p>
    </section>
  );
}

function describe(summary: HandoffSummary): string {
  const network = networkName(summary.network);
  const amount = summary.cryptoAmount
    ? moneyAmount(summary.cryptoAmount, summary.asset)
    : summary.fiatAmount
      ? `${moneyAmount(summary.fiatAmount, summary.fiatCurrency ?? "USD")} of ${summary.asset}`
      : summary.asset;
  return summary.side === "buy"
    ? `Buy ${amount} on ${network}, to this wallet:`
    : `Sell ${amount} on ${network}, from this wallet:`;
}

export default withViewerCheck(OpenHandoffPage);
