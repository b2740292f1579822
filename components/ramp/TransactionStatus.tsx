"use client";

import { findNetwork } from "@/lib/ramp/catalog";
import type { Side } from "@/lib/ramp/options";
import { STATUS_LABELS, type RampTransaction } from "@/lib/ramp/transactions";
import { DepositInstructions } from "./DepositInstructions";
import { useTransactions } from "./use-transactions";

const money = (m?: { value: string; currency: string }) => (m ? `${m.value} ${m.currency}` : "");

/** What happened: the newest transaction's status (polled until final) and the history. */
export function TransactionStatus({
  side,
  sandboxDepositUrl,
}: {
  side: Side;
  sandboxDepositUrl?: string;
}) {
  const state = useTransactions(side);
  if (state.status === "loading") return <p role="status">Checking with Coinbase…</p>;
  if (state.status === "error")
    return (
      <p role="alert" className="text-amber-900">
        {state.message}
      </p>
    );
  const [latest, ...earlier] = state.transactions;
  if (!latest) {
    return (
      <p role="status">
        No transaction yet. If you just finished on Coinbase, it can take a moment to appear; if you
        cancelled, nothing happened.
      </p>
    );
  }
  return (
    <div className="space-y-6">
      <section aria-labelledby="latest-title" className="space-y-2">
        <h2 id="latest-title" className="text-lg font-semibold">
          Your latest {side === "buy" ? "purchase" : "sale"}
        </h2>
        <p>
          Status:{" "}
          <strong data-testid="transaction-status" data-status={latest.status}>
            {STATUS_LABELS[latest.status]}
          </strong>
        </p>
        <p className="text-sm text-slate-700">{describe(latest)}</p>
        {latest.failureReason && <p className="text-sm text-red-800">{latest.failureReason}</p>}
      </section>
      {latest.status === "awaiting_deposit" && (
        <DepositInstructions transaction={latest} sandboxDepositUrl={sandboxDepositUrl} />
      )}
      {earlier.length > 0 && (
        <section aria-labelledby="history-title" className="space-y-2">
          <h2 id="history-title" className="text-lg font-semibold">
            Earlier
          </h2>
          <ul className="space-y-1 text-sm">
            {earlier.map((t) => (
              <li key={t.id}>
                {new Date(t.createdAt).toLocaleString()}: {describe(t)}: {STATUS_LABELS[t.status]}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function describe(t: RampTransaction): string {
  const network = findNetwork(t.network)?.name ?? t.network;
  return `${money(t.crypto)} on ${network} for ${money(t.fiat)}`;
}
