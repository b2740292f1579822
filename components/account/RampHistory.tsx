import Link from "next/link";
import { moneyText } from "@/lib/ramp/money-text";
import { networkName } from "@/lib/ramp/catalog";
import type { RampHistory as History } from "@/lib/ledger/account-history";
import {
  OUTCOME_LABELS,
  chargedFee,
  failureText,
  outcomeOf,
  recentlyAwaitingDeposit,
  type RampTransaction,
} from "@/lib/ramp/transactions";

/** "Your ramp history": the signed-in user's buys and sells from the app's ledger. */
export function RampHistory({ history }: { history: History }) {
  return (
    <section aria-labelledby="history-title" className="space-y-3">
      <h2 id="history-title" className="text-2xl font-semibold">
        Your ramp history
      </h2>
      <HistoryBody history={history} />
    </section>
  );
}

function HistoryBody({ history }: { history: History }) {
  if (history.kind === "signed_out")
    return (
      <p>
        <Link href="/sign-in?next=/account" className="font-medium text-blue-800 underline">
          Sign in
        </Link>{" "}
        to see the purchases and sales you started here.
      </p>
    );
  if (history.kind === "database_unavailable")
    return (
      <p role="alert" className="text-amber-900">
        Your history cannot be loaded right now: the app&apos;s database is not answering. Try again
        shortly.
      </p>
    );
  if (history.transactions.length === 0)
    return (
      <p>
        Nothing yet: purchases and sales you start from{" "}
        <Link href="/buy" className="text-blue-800 underline">
          Buy
        </Link>{" "}
        or{" "}
        <Link href="/sell" className="text-blue-800 underline">
          Sell
        </Link>{" "}
        appear here.
      </p>
    );
  return (
    // Cells spaced apart: on a phone, "Amount" and "Fees" ran together.
    <table className="w-full text-left text-sm [&_td]:pr-3 [&_th]:pr-3">
      <caption className="sr-only">Purchases and sales, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Started</th>
          <th scope="col">What</th>
          <th scope="col">Amount</th>
          <th scope="col">Fees</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {history.transactions.map((t) => (
          <Row key={t.id} transaction={t} />
        ))}
      </tbody>
    </table>
  );
}

function Row({ transaction: t }: { transaction: RampTransaction }) {
  const network = networkName(t.network);
  const outcome = outcomeOf(t);
  return (
    <tr className="border-t border-slate-100 align-top">
      <td className="py-1">
        <time dateTime={t.createdAt}>{t.createdAt.slice(0, 16).replace("T", " ")} UTC</time>
      </td>
      <td>
        {t.guestOrderId ? (
          // Its page says where it stands, and how to buy again if it was never paid.
          <Link href={`/buy/guest/orders/${t.guestOrderId}`} className="text-blue-800 underline">
            Buy {t.asset} on {network}
          </Link>
        ) : (
          <>
            {t.side === "buy" ? "Buy" : "Sell"} {t.asset} on {network}
          </>
        )}
      </td>
      <td className="font-mono">
        {moneyText(t.crypto, "–")}
        {t.fiat && <span className="block text-slate-600">{moneyText(t.fiat, "–")}</span>}
      </td>
      <td className="font-mono">{moneyText(chargedFee(t), "–")}</td>
      <td data-status={t.status}>
        {OUTCOME_LABELS[outcome]}
        {/* Where its deposit address and amount are, for a user who left before sending. */}
        {t.side === "sell" && recentlyAwaitingDeposit(t) && (
          <Link href="/sell/complete" className="block text-blue-800 underline">
            Send your crypto
          </Link>
        )}
        {failureText(t.failureReason) && outcome === "failed" && (
          <span className="block text-red-800">{failureText(t.failureReason)}</span>
        )}
      </td>
    </tr>
  );
}
