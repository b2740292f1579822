import Link from "next/link";
import type { ReactNode } from "react";
import { LocalTime } from "@/components/shared/LocalTime";
import { NEWEST_HREF, newerHref, olderHref } from "./history-pages";
import { HistoryHeading, HistoryPageLink } from "./HistoryPageLink";
import { moneyText } from "@/lib/ramp/money-text";
import { networkName } from "@/lib/ramp/catalog";
import { completionHref, receiptHref } from "@/lib/ramp/return-order";
import type { RampHistory as History } from "@/lib/ledger/account-history";
import {
  OUTCOME_LABELS,
  chargedFee,
  shownReason,
  outcomeOf,
  recentlyAwaitingDeposit,
  type RampTransaction,
} from "@/lib/ramp/transactions";

/** "Your ramp history": the signed-in user's buys and sells from the app's ledger. */
export function RampHistory({ history, after }: { history: History; after?: string }) {
  return (
    <HistorySection after={after}>
      <HistoryBody history={history} />
    </HistorySection>
  );
}

/** The history's section and heading; `after`: the page shown (history-pages.ts). */
export function HistorySection({ after, children }: { after?: string; children: ReactNode }) {
  return (
    <section aria-labelledby="history-title" className="space-y-3">
      <HistoryHeading page={after ?? ""}>Your ramp history</HistoryHeading>
      {children}
    </section>
  );
}

export function HistoryBody({ history }: { history: History }) {
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
  if (history.transactions.length === 0 && history.paged)
    return (
      <p>
        Nothing older.{" "}
        <HistoryPageLink href={NEWEST_HREF} className="text-blue-800 underline">
          Your newest
        </HistoryPageLink>
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
  const last = history.transactions.at(-1)!;
  return (
    <>
      <HistoryTable transactions={history.transactions} />
      {(history.paged || history.older) && (
        // Each link 44 px tall: the one thing at the list's end, the space costs nothing.
        <nav aria-label="More of your history" className="flex gap-4">
          {/* "Newest" too when it is further than the page before. */}
          {history.newerAfter && (
            <HistoryPageLink href={NEWEST_HREF} className={PAGE_LINK}>
              Newest
            </HistoryPageLink>
          )}
          {history.paged && (
            <HistoryPageLink href={newerHref(history.newerAfter)} className={PAGE_LINK}>
              Newer
            </HistoryPageLink>
          )}
          {history.older && (
            <HistoryPageLink href={olderHref(last.id)} className={`${PAGE_LINK} font-medium`}>
              Older
            </HistoryPageLink>
          )}
        </nav>
      )}
    </>
  );
}

const PAGE_LINK = "inline-flex min-h-11 items-center text-blue-800 underline";

function HistoryTable({ transactions }: { transactions: RampTransaction[] }) {
  return (
    // Cells spaced apart: on a phone, "Amount" and "Fees" ran together. On a phone each row is
    // a card (a long amount pushed the Status column off the screen), each cell named by its
    // column's heading (`data-label`), the table's semantics kept.
    <table className="w-full text-left text-sm max-sm:block sm:[&_td]:py-1 sm:[&_td]:pr-3 sm:[&_th]:pr-3 max-sm:[&_td]:before:block max-sm:[&_td]:before:font-sans max-sm:[&_td]:before:text-xs max-sm:[&_td]:before:text-slate-600 max-sm:[&_td]:before:content-[attr(data-label)]">
      <caption className="sr-only">Purchases and sales, newest first</caption>
      <thead className="max-sm:sr-only">
        <tr>
          <th scope="col">Started</th>
          <th scope="col">What</th>
          <th scope="col">Amount</th>
          <th scope="col">Fees</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody className="max-sm:block max-sm:space-y-3">
        {transactions.map((t) => (
          <Row key={t.id} transaction={t} />
        ))}
      </tbody>
    </table>
  );
}

function Row({ transaction: t }: { transaction: RampTransaction }) {
  const network = networkName(t.network);
  const outcome = outcomeOf(t);
  const reason = shownReason(outcome, t.failureReason);
  return (
    <tr className="border-t border-slate-100 align-top max-sm:grid max-sm:grid-cols-2 max-sm:gap-x-3 max-sm:gap-y-2 max-sm:rounded-lg max-sm:border max-sm:border-slate-200 max-sm:p-3">
      <td data-label="Started">
        <LocalTime iso={t.createdAt} />
      </td>
      <td data-label="What">
        {/* Its own page: the status, the amounts, the transaction on its network's explorer,
            why it failed; a guest order's also how to pay or buy again. */}
        <Link href={receiptHref(t)} className="text-blue-800 underline">
          {t.side === "buy" ? "Buy" : "Sell"} {t.asset} on {network}
        </Link>
      </td>
      {/* A crypto amount to the wei is one long figure: on a phone, the card's full width. */}
      <td className="font-mono wrap-anywhere max-sm:col-span-2" data-label="Amount">
        {moneyText(t.crypto, "–")}
        {t.fiat && <span className="block text-slate-600">{moneyText(t.fiat, "–")}</span>}
      </td>
      <td className="font-mono" data-label="Fees">
        {moneyText(chargedFee(t), "–")}
      </td>
      <td data-status={t.status} data-label="Status">
        {OUTCOME_LABELS[outcome]}
        {/* Where its deposit address and amount are, for a user who left before sending: the
            completion page led by this sale, though a newer one was started since. */}
        {t.side === "sell" && recentlyAwaitingDeposit(t) && (
          <Link href={completionHref("sell", t.id)} className="block text-blue-800 underline">
            Send your crypto
          </Link>
        )}
        {reason && <span className="block text-red-800">{reason}</span>}
      </td>
    </tr>
  );
}
