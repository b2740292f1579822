"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { LocalTime } from "@/components/shared/LocalTime";
import { moneyText } from "@/lib/ramp/money-text";
import { explorerTxUrl } from "@/lib/ramp/explorers";
import type { Side } from "@/lib/ramp/options";
import {
  ENDED_UNDONE,
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
import { receiptHref } from "@/lib/ramp/return-order";
import { outcomeCopy, receivedLabel, spentLabel } from "./outcome-copy";
import { OutcomeTimeline } from "./OutcomeTimeline";
import { serverNow, useTransactions } from "./use-transactions";
import { LastStatusNotice, SignInToSee } from "./TransactionNotices";

// Back from Coinbase's page, a start it has not reported yet may be a payment it is still
// recording: this long after the page opened, not before, does it read "not completed" (at
// once when opened from a list, which said so already).
const REPORT_GRACE_MS = 60_000;

function Headline({ children }: { children: string }) {
  return (
    <h1 id="complete-title" className="text-3xl font-semibold">
      {children}
    </h1>
  );
}

/**
 * What happened, led by the outcome: a headline, where it is on the way, the amount,
 * the transaction on its network's explorer and what to do next. Polled until final.
 * One status line, the same element from "Checking with Coinbase…" to the outcome and each
 * change after, so a screen reader hears each (a live region mounted with its words is often
 * not heard); it takes the focus from "Check again", which goes.
 */
export function TransactionStatus({
  side,
  order,
  orderNamed = order !== undefined,
  fromList = false,
  sandboxDepositUrl,
}: {
  side: Side;
  /** The order the user came back from: it leads, if it is one of theirs. */
  order?: string;
  /** The link names an order, readable or not: shown another, the page says so. */
  orderNamed?: boolean;
  /** Opened from a list that showed the order's outcome: no wait before "not completed". */
  fromList?: boolean;
  sandboxDepositUrl?: string;
}) {
  const [state, checkAgain] = useTransactions(side, order);
  const waited = useWaited(REPORT_GRACE_MS) || fromList;
  // Read again each minute, asked or not (the page stops asking once signed out): a sale's
  // deposit goes from the screen once its window closes, however long the tab stays open.
  useMinuteTick();
  const statusLine = useRef<HTMLParagraphElement>(null);
  const found = state.status === "ready" ? state.transactions[0] : undefined;
  const now = serverNow(state.status === "ready" ? state.skewMs : 0);
  const shown = found ? shownOutcome(side, found, waited, now) : undefined;
  const noun = side === "buy" ? "purchase" : "sale";
  const gaveUp = state.status === "ready" && !found && state.gaveUp;
  // A link naming an order of another account (or of the other side): this one's newest is
  // shown, and said to be so, not passed off as the order the link names; or, when it has
  // none, "No purchase yet" is said not to be about the order the link names.
  const notTheLinked = Boolean(orderNamed && state.status === "ready" && found?.id !== order);
  // Every part keeps its place whether or not it shows, so the status line stays one element.
  return (
    <div className="space-y-6">
      <div className="space-y-3">
        <Headline>
          {shown
            ? shown.copy.headline
            : state.status === "ready"
              ? `No ${noun} yet`
              : "Back from Coinbase"}
        </Headline>
        {notTheLinked && (
          <p
            data-testid="not-the-linked-order"
            className="rounded-lg bg-amber-50 p-3 text-amber-950"
          >
            The {noun} this link names is not one of this account&apos;s.
            {found && ` Shown here: this account's newest ${noun}.`}
          </p>
        )}
        {shown && <OutcomeTimeline side={side} outcome={shown.outcome} />}
        {state.status === "ready" && state.problem && (
          <LastStatusNotice
            side={side}
            order={order}
            problem={state.problem}
            signIn={state.signIn}
          />
        )}
        {/* One status line throughout: a first check that failed is said here too (the next
            one's answer comes into it), and so is a sign-in the page waits for. */}
        <p
          ref={statusLine}
          role="status"
          tabIndex={-1}
          className={state.status === "error" && !state.signIn ? "text-amber-900" : undefined}
        >
          {state.status === "error" && state.signIn ? (
            <SignInToSee side={side} order={order} />
          ) : shown ? (
            <>
              Status:{" "}
              <strong data-testid="transaction-status" data-status={shown.outcome}>
                {OUTCOME_LABELS[shown.outcome]}
              </strong>
            </>
          ) : state.status === "loading" ? (
            "Checking with Coinbase…"
          ) : state.status === "error" ? (
            state.message
          ) : state.checking ? (
            "Checking again…"
          ) : (
            `No ${noun} started from this account yet.${gaveUp ? " This page has stopped checking." : ""}`
          )}
        </p>
        {shown && found && <OutcomeDetails side={side} latest={found} shown={shown} />}
        {gaveUp && (
          <button
            type="button"
            onClick={() => {
              statusLine.current?.focus();
              checkAgain();
            }}
            className="rounded-full border border-slate-400 px-4 py-2 text-sm font-medium hover:bg-slate-100"
          >
            Check again
          </button>
        )}
      </div>
      {found && state.status === "ready" && (
        <OtherOrders
          side={side}
          latest={found}
          earlier={state.transactions.slice(1)}
          // A sale that waited too long for its crypto: no deposit box to send to.
          showsDeposit={shown?.outcome !== "deposit_overdue"}
          following={!state.signIn}
          sandboxDepositUrl={sandboxDepositUrl}
          now={now}
          onFocusLost={() => statusLine.current?.focus()}
        />
      )}
    </div>
  );
}

type ShownOutcome = {
  outcome: Outcome;
  copy: ReturnType<typeof outcomeCopy>;
};

/** The leading order's outcome as this page shows it, and its words. */
function shownOutcome(
  side: Side,
  latest: RampTransaction,
  waited: boolean,
  now: number,
): ShownOutcome {
  const unreported = outcomeOf(latest, now);
  // Still asked about (within the hour), and the page just opened: Coinbase may yet report.
  const outcome =
    unreported === "not_completed" && !waited && !isSettled(latest, now) ? "started" : unreported;
  return { outcome, copy: outcomeCopy(side, outcome, latest.txHash) };
}

/** The leading order's amounts, its transaction, why it failed, and what to do next. */
function OutcomeDetails({
  side,
  latest,
  shown,
}: {
  side: Side;
  latest: RampTransaction;
  shown: ShownOutcome;
}) {
  const { outcome, copy } = shown;
  const reason = shownReason(outcome, latest.failureReason);
  const received = side === "buy" ? latest.crypto : latest.fiat;
  // Either may be unknown until Coinbase reports (a buy asked in crypto, say): left out.
  const spent = side === "buy" ? latest.fiat : latest.crypto;
  // Ended without the crypto or the money changing hands: no "You receive" for these.
  const ended = ENDED_UNDONE.includes(outcome);
  const explorer = latest.txHash ? explorerTxUrl(latest.network, latest.txHash) : undefined;
  return (
    <>
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
    </>
  );
}

/** Sales still waiting for their crypto under the leading order, then the other orders. */
function OtherOrders({
  side,
  latest,
  earlier,
  showsDeposit,
  following,
  sandboxDepositUrl,
  now,
  onFocusLost,
}: {
  side: Side;
  latest: RampTransaction;
  earlier: RampTransaction[];
  /** A deposit box went with the focus in it: where the focus goes (the status line). */
  onFocusLost: () => void;
  showsDeposit: boolean;
  following: boolean;
  sandboxDepositUrl?: string;
  /** The server's time (ms). */
  now: number;
}) {
  const ledByNewest = earlier.every((t) => t.createdAt <= latest.createdAt);
  return (
    <>
      {latest.status === "awaiting_deposit" && showsDeposit && (
        <DepositInstructions
          // Another sale leading (one opened from the list) is another box, not this one's QR
          // code and state beside its address.
          key={latest.id}
          transaction={latest}
          sandboxDepositUrl={sandboxDepositUrl}
          following={following}
          onFocusLost={onFocusLost}
        />
      )}
      {/* A newer sale (abandoned, cancelled) must not hide one still waiting for its crypto. */}
      {earlier
        .filter((t) => recentlyAwaitingDeposit(t, now))
        .map((t) => (
          <DepositInstructions
            key={t.id}
            transaction={t}
            sandboxDepositUrl={sandboxDepositUrl}
            following={following}
            onFocusLost={onFocusLost}
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
                : {OUTCOME_LABELS[outcomeOf(t, now)]}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** Renders the component again every minute. */
function useMinuteTick(): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 60_000);
    return () => clearInterval(timer);
  }, []);
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

/** "0.01 ETH on Base for 50 USD"; "ETH on Base" while the amounts are not known yet. */
function describe(t: RampTransaction): string {
  const what = `${t.crypto ? moneyText(t.crypto) : t.asset} on ${networkName(t.network)}`;
  return t.fiat ? `${what} for ${moneyText(t.fiat)}` : what;
}
