"use client";

import type { QuoteState } from "@/lib/ramp/quote-scheduler";
import type { Money, Quote } from "@/lib/ramp/quote-schema";
import type { Side } from "@/lib/ramp/options";

const show = (m: Money) => `${m.value} ${m.currency}`;

/** The price before leaving: total, fees and what the user receives, as they type. */
export function QuotePanel({
  side,
  state,
  hint,
}: {
  side: Side;
  state: QuoteState<Quote>;
  hint?: string;
}) {
  return (
    <section
      aria-label="Quote"
      aria-live="polite"
      className="rounded-lg bg-slate-50 p-3 text-sm"
      data-testid="quote"
    >
      {state.status === "idle" && (
        <p className="text-slate-600">{hint ?? "Enter an amount to see a quote."}</p>
      )}
      {state.status === "loading" && <p className="text-slate-600">Getting a quote…</p>}
      {state.status === "error" && state.refused && <p className="text-red-800">{state.message}</p>}
      {state.status === "error" && !state.refused && (
        <p className="text-amber-900">
          No quote right now: {state.message}. You can still continue; Coinbase shows the price.
        </p>
      )}
      {state.status === "ready" && (
        <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1">
          <dt>{side === "buy" ? "You pay" : "You sell"}</dt>
          <dd className="text-right font-mono" data-quote="pay">
            {show(state.value.pay)}
          </dd>
          <dt>Coinbase fee</dt>
          <dd className="text-right font-mono" data-quote="coinbaseFee">
            {show(state.value.coinbaseFee)}
          </dd>
          {state.value.networkFee && (
            <>
              <dt>Network fee</dt>
              <dd className="text-right font-mono" data-quote="networkFee">
                {show(state.value.networkFee)}
              </dd>
            </>
          )}
          <dt className="font-semibold">You receive</dt>
          <dd className="text-right font-mono font-semibold" data-quote="receive">
            {show(state.value.receive)}
          </dd>
        </dl>
      )}
    </section>
  );
}
