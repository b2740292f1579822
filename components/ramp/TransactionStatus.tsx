"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { LocalTime } from "@/components/shared/LocalTime";
import { moneyText } from "@/lib/ramp/money-text";
import { explorerTxUrl } from "@/lib/ramp/explorers";
import type { Side } from "@/lib/ramp/options";
import {
  OUTCOME_LABELS,
  isSettled,
  outcomeOf,
  recentlyAwaitingDeposit,
  shownReason,
  type Outcome,
  type RampTransaction,
} from "@/lib/ramp/transactions";
import { DepositInstructions } from "./DepositInstructions";
import { networkName } from "@/lib/ramp/catalog";
import { completionHref, receiptHref } from "@/lib/ramp/return-order";
import { OUTCOME_COPY, STALE_DEPOSIT_COPY, receivedLabel, spentLabel } from "./outcome-copy";
import { OutcomeTimeline } from "./OutcomeTimeline";
import { useTransactions, type TransactionsState } from "./use-transactions";

// Back from Coinbase's page, a start it has not reported yet may be a payment it is still
// recording: this long after the page opened, not before, does it read "not completed".
const REPORT_GRACE_MS = 60_000;

// Ended without the crypto or the money changing hands: no "You receive" for these.
const NOT_COMPLETED: Outcome[] = ["failed", "cancelled", "expired", "not_completed", "replaced"];

function Headline({ children }: { children: string }) {
  return (
    <h1 id="complete-title" className="text-3xl font-semibold">
      {children}
    </h1>
  );
}

/**
 * What happened, led by the outcome: a headline, where it is on the way, the amount,
 * the transaction on its network's explorer and what to do next. Polled until final;
 * the status line is announced as it changes.
 */
export function TransactionStatus({
  side,
  order,
  sandboxDepositUrl,
}: {
  side: Side;
  /** The order the user came back from: it leads, if it is one of theirs. */
  order?: string;
  sandboxDepositUrl?: string;
}) {
  const [state, checkAgain] = useTransactions(side, order);
  const waited = useWaited(REPORT_GRACE_MS);
  if (state.status !== "ready" || !state.transactions[0]) {
    return (
      <div className="space-y-2">
        <Headline>
          {state.status === "ready"
            ? `No ${side === "buy" ? "purchase" : "sale"} yet`
            : "Back from Coinbase"}
        </Headline>
        {state.status === "error" && state.signIn ? (
          <p>
            <Link
              href={`/sign-in?next=${signInNext(side, order)}`}
              className="font-medium text-blue-800 underline"
            >
              Sign in
            </Link>{" "}
            to see your {side === "buy" ? "purchases" : "sales"}.
          </p>
        ) : state.status === "error" ? (
          <p role="alert" className="text-amber-900">
            {state.message}
          </p>
        ) : (
          <NothingStarted side={side} state={state} onCheckAgain={checkAgain} />
        )}
      </div>
    );
  }
  // Led by the order named, the others come after it, newer ones (another tab's) included.
  const [latest, ...earlier] = state.transactions;
  const ledByNewest = earlier.every((t) => t.createdAt <= latest.createdAt);
  const unreported = outcomeOf(latest);
  // Still asked about (within the hour), and the page just opened: Coinbase may yet report.
  const outcome =
    unreported === "not_completed" && !waited && !isSettled(latest) ? "started" : unreported;
  const reason = shownReason(outcome, latest.failureReason);
  // Opened from the history or an old tab, a sale that waited too long shows no address.
  const staleDeposit = latest.status === "awaiting_deposit" && !recentlyAwaitingDeposit(latest);
  const copy = staleDeposit ? STALE_DEPOSIT_COPY : OUTCOME_COPY[side][outcome];
  const received = side === "buy" ? latest.crypto : latest.fiat;
  // Either may be unknown until Coinbase reports (a buy asked in crypto, say): left out.
  const spent = side === "buy" ? latest.fiat : latest.crypto;
  const ended = NOT_COMPLETED.includes(outcome);
  const explorer = latest.txHash ? explorerTxUrl(latest.network, latest.txHash) : undefined;
  return (
    <div className="space-y-6">
      <div className="space-y-3">
        <Headline>{copy.headline}</Headline>
        <OutcomeTimeline side={side} outcome={outcome} />
        {state.problem && state.signIn ? (
          <p role="alert" className="text-sm text-amber-900">
            Your session has ended, so this page has stopped checking: this is the last status we
            had.{" "}
            <Link
              href={`/sign-in?next=${signInNext(side, order)}`}
              className="font-medium text-blue-800 underline"
            >
              Sign in
            </Link>{" "}
            to follow it again.
          </p>
        ) : (
          state.problem && (
            <p role="alert" className="text-sm text-amber-900">
              {state.problem.replace(/\.$/, "")}. This is the last status we had.
            </p>
          )
        )}
        <p role="status" aria-live="polite">
          Status:{" "}
          <strong data-testid="transaction-status" data-status={outcome}>
            {OUTCOME_LABELS[outcome]}
          </strong>
        </p>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          {ended && (
            <>
              <dt className="text-slate-600">{side === "buy" ? "Not bought" : "Not sold"}</dt>
              <dd className="font-mono" data-testid="not-completed-order">
                {describe(latest)}
              </dd>
            </>
          )}
          {!ended && received && (
            <>
              <dt className="text-slate-600">{receivedLabel(side, outcome)}</dt>
              <dd className="font-mono" data-testid="amount-received">
                {moneyText(received)}
                {side === "buy" ? ` on ${networkName(latest.network)}` : ""}
              </dd>
            </>
          )}
          {!ended && spent && (
            <>
              <dt className="text-slate-600">{spentLabel(side, outcome)}</dt>
              <dd className="font-mono">{moneyText(spent)}</dd>
            </>
          )}
          {latest.txHash && (
            <>
              <dt className="text-slate-600">Transaction</dt>
              <dd className="break-all font-mono" data-testid="tx-hash">
                {explorer ? (
                  <a href={explorer} className="text-blue-800 underline" rel="noreferrer">
                    {latest.txHash}
                  </a>
                ) : (
                  latest.txHash
                )}
              </dd>
            </>
          )}
        </dl>
        {reason && <p className="text-sm text-red-800">{reason}</p>}
        <p className="text-slate-700" data-testid="next-step">
          {copy.next}
        </p>
        {outcome === "not_completed" && (
          <p>
            <Link href={`/${side}`} className="font-medium text-blue-800 underline">
              Start again
            </Link>
          </p>
        )}
      </div>
      {latest.status === "awaiting_deposit" && !staleDeposit && (
        <DepositInstructions
          transaction={latest}
          sandboxDepositUrl={sandboxDepositUrl}
          following={!state.signIn}
        />
      )}
      {/* A newer sale (abandoned, cancelled) must not hide one still waiting for its crypto. */}
      {earlier
        .filter((t) => recentlyAwaitingDeposit(t))
        .map((t) => (
          <DepositInstructions
            key={t.id}
            transaction={t}
            sandboxDepositUrl={sandboxDepositUrl}
            following={!state.signIn}
            title={`Still waiting for your crypto: ${describe(t)}`}
          />
        ))}
      {earlier.length > 0 && (
        <section aria-labelledby="history-title" className="space-y-2">
          <h2 id="history-title" className="text-lg font-semibold">
            {ledByNewest ? "Earlier" : `Your other ${side === "buy" ? "purchases" : "sales"}`}
          </h2>
          <ul className="space-y-1 text-sm">
            {earlier.map((t) => (
              <li key={t.id}>
                {/* Each opens its own page, as the history's rows do (a guest order's its own). */}
                <LocalTime iso={t.createdAt} />:{" "}
                <Link href={receiptHref(t)} className="text-blue-800 underline">
                  {describe(t)}
                </Link>
                : {OUTCOME_LABELS[outcomeOf(t)]}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** Whether `ms` have passed since the page showed this. */
function useWaited(ms: number): boolean {
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setWaited(true), ms);
    return () => clearTimeout(timer);
  }, [ms]);
  return waited;
}

/** Back here after signing in, to the same order. */
function signInNext(side: Side, order: string | undefined): string {
  return order ? encodeURIComponent(completionHref(side, order)) : completionHref(side);
}

/** "0.01 ETH on Base for 50 USD"; "ETH on Base" while the amounts are not known yet. */
function describe(t: RampTransaction): string {
  const what = `${t.crypto ? moneyText(t.crypto) : t.asset} on ${networkName(t.network)}`;
  return t.fiat ? `${what} for ${moneyText(t.fiat)}` : what;
}

/**
 * No transaction: a start writes its row at once, so nothing was started from this account
 * (or it was, in another tab or on a phone: "Check again" once the page stops asking; the
 * page links to the form below). One status line that stays, its words changing, so each
 * change is heard; it takes the focus from the button that goes away.
 */
function NothingStarted({
  side,
  state,
  onCheckAgain,
}: {
  side: Side;
  state: TransactionsState;
  onCheckAgain: () => void;
}) {
  const status = useRef<HTMLParagraphElement>(null);
  const gaveUp = state.status === "ready" && state.gaveUp;
  const noun = side === "buy" ? "purchase" : "sale";
  return (
    <div className="space-y-3">
      <p ref={status} role="status" tabIndex={-1}>
        {state.status === "loading"
          ? "Checking with Coinbase…"
          : state.status === "ready" && state.checking
            ? "Checking again…"
            : `No ${noun} started from this account yet.${gaveUp ? " This page has stopped checking." : ""}`}
      </p>
      {gaveUp && (
        <button
          type="button"
          onClick={() => {
            status.current?.focus();
            onCheckAgain();
          }}
          className="rounded-full border border-slate-400 px-4 py-2 text-sm font-medium hover:bg-slate-100"
        >
          Check again
        </button>
      )}
    </div>
  );
}
