"use client";

import { useEffect, useRef } from "react";
import { focusIsLost } from "@/components/shared/use-focus-back";
import { moneyAmount } from "@/lib/ramp/money-text";
import type { CoinbaseTransaction } from "@/lib/oauth/transactions-api";

// Every status the Connect docs list: none is shown as Coinbase's identifier.
const WORDS: Record<string, string> = {
  pending: "On its way",
  waiting_for_clearing: "Waiting to clear",
  waiting_for_signature: "Waiting for a signature",
  completed: "Sent",
  failed: "Failed",
  canceled: "Cancelled",
  expired: "Expired",
};

/** A send as Coinbase reports it, followed until final. */
export function SendStatus({
  transaction: t,
  unfollowed,
  onAnother,
}: {
  transaction: CoinbaseTransaction;
  /** Why the send is no longer followed, though not final. */
  unfollowed: string | null;
  onAnother: () => void;
}) {
  const final = ["completed", "failed", "canceled", "expired"].includes(t.status);
  // Coming in with its words, the live heading is not read out, and the button pressed is off
  // (the form is done): the result takes the focus, so it is heard and Tab goes on from it.
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focusIsLost()) ref.current?.focus();
  }, []);
  return (
    <section
      ref={ref}
      tabIndex={-1}
      aria-labelledby="send-result-title"
      className="space-y-1 rounded-lg border border-slate-200 p-3 text-sm"
    >
      <h4 id="send-result-title" className="font-semibold" aria-live="polite">
        {WORDS[t.status] ?? t.status}:{" "}
        {moneyAmount(t.amount.amount.replace(/^-/, ""), t.amount.currency)}
      </h4>
      {/* An address is one long word: it wraps rather than widening the page on a phone. */}
      {t.to && (
        <p className="break-all">
          To <span className="font-mono">{t.to}</span>
        </p>
      )}
      {t.nativeAmount && (
        <p>Worth {moneyAmount(t.nativeAmount.amount.replace(/^-/, ""), t.nativeAmount.currency)}</p>
      )}
      <p data-testid="send-status">Status: {t.status}</p>
      {t.network?.hash && (
        <p className="break-all font-mono text-xs">Transaction hash: {t.network.hash}</p>
      )}
      {unfollowed && !final && (
        <p role="status" data-testid="send-unfollowed">
          {unfollowed}
        </p>
      )}
      {(final || unfollowed) && (
        <button type="button" onClick={onAnother} className="text-blue-800 underline">
          Send again
        </button>
      )}
    </section>
  );
}
