"use client";

import type { QuoteState } from "@/lib/ramp/quote-scheduler";
import type { Quote } from "@/lib/ramp/quote-schema";
import type { Side } from "@/lib/ramp/options";
import { aboutMoney, moneyText } from "@/lib/ramp/money-text";
import { quoteRateText } from "@/lib/ramp/quote-rate";

/**
 * The price before leaving: what the user receives, with the total and fees one tap away.
 * While the next quote loads, the last one stays (marked as updating) instead of the panel blanking
 * on every keystroke. The panel keeps the height of a full quote whatever it shows: a quote
 * arriving would otherwise push the fields below it down under a finger or a pointer about to
 * press one (a press begun on "Change" ended on the text above it, and was lost).
 */
export function QuotePanel({
  side,
  state,
  previous,
  hint,
  refusalAtField = false,
  estimate = null,
}: {
  side: Side;
  state: QuoteState<Quote>;
  previous: Quote | null;
  hint?: string;
  /** The refusal is shown at the field it is about: the panel says only what would bring a quote. */
  refusalAtField?: boolean;
  /**
   * From a quote for another amount: for a purchase typed in the asset, about what it costs;
   * for a sale typed in the currency, about how much of the asset it takes.
   */
  estimate?: { value: number; currency: string } | null;
}) {
  const shown =
    state.status === "ready" ? state.value : state.status === "loading" ? previous : null;
  const updating = state.status === "loading";
  // Under an estimate too: its quote is for another amount, at the same price.
  const rate = shown ? quoteRateText(side, shown) : null;
  return (
    <section
      aria-label="Quote"
      // A quote the user asked for is read out; the minute's renewal of the one on screen is
      // not (a screen reader would read the figures again every minute, mid-typing).
      aria-live={state.status === "ready" && state.quiet ? "off" : "polite"}
      aria-busy={updating}
      // Three lines of figures and "Fees included", with the padding: see above.
      className="min-h-[7.5rem] rounded-lg bg-slate-50 p-3 text-sm"
      data-testid="quote"
    >
      {(state.status === "idle" || refusalAtField) && (
        <p className="text-slate-600">{hint ?? "Enter an amount to see a quote."}</p>
      )}
      {updating && !shown && <p className="text-slate-600">Getting a quote…</p>}
      {state.status === "error" && state.refused && !refusalAtField && (
        <p className="text-red-800">{state.message}</p>
      )}
      {state.status === "error" && !state.refused && (
        <p className="text-amber-900">
          No quote right now: {state.message.replace(/\.$/, "")}. You can still continue; Coinbase
          shows the price.
        </p>
      )}
      {estimate && side === "buy" ? (
        <p className="text-base">
          <span className="font-semibold" data-quote="estimate">
            You pay about {aboutMoney(estimate.value, estimate.currency)}
          </span>{" "}
          <span className="text-slate-600">
            (fees included, at Coinbase&apos;s current price; its page shows the exact total)
          </span>
          <Rate text={rate} />
        </p>
      ) : estimate ? (
        <p className="text-base">
          <span className="font-semibold" data-quote="estimate">
            You sell about {aboutMoney(estimate.value, estimate.currency)}
          </span>{" "}
          <span className="text-slate-600">
            (at Coinbase&apos;s current price; its page shows the exact amount and its fee)
          </span>
          <Rate text={rate} />
        </p>
      ) : (
        shown && <QuoteLines side={side} quote={shown} stale={updating} rate={rate} />
      )}
    </section>
  );
}

/** The asset's price, on a line of its own under an estimate. */
function Rate({ text }: { text: string | null }) {
  return text ? (
    <span className="block text-slate-600" data-quote="rate">
      {text}
    </span>
  ) : null;
}

function QuoteLines({
  side,
  quote,
  stale,
  rate,
}: {
  side: Side;
  quote: Quote;
  stale: boolean;
  rate: string | null;
}) {
  return (
    // Stale figures say so in words; fading them would fail contrast for low-vision users.
    <div>
      <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1">
        <dt className="text-base font-semibold">You receive</dt>
        <dd className="text-right font-mono text-base font-semibold" data-quote="receive">
          {moneyText(quote.receive)}
        </dd>
        <dt>{side === "buy" ? "You pay" : "You sell"}</dt>
        <dd className="text-right font-mono" data-quote="pay">
          {moneyText(quote.pay)}
        </dd>
        {rate && (
          <>
            <dt>Exchange rate</dt>
            <dd className="text-right font-mono" data-quote="rate">
              {rate}
            </dd>
          </>
        )}
      </dl>
      {/* "Updating…" shares the fees' line: a line of its own would move the fields below. */}
      <div className="mt-1 flex items-start gap-4">
        <details className="min-w-0 flex-1">
          {/* 28 px to tap, its line still 20 px: the panel keeps its height (see above). */}
          <summary className="-my-1 cursor-pointer py-1 text-slate-700">Fees included</summary>
          <dl className="mt-1 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1">
            <dt>Coinbase fee</dt>
            <dd className="text-right font-mono" data-quote="coinbaseFee">
              {moneyText(quote.coinbaseFee)}
            </dd>
            {quote.networkFee && (
              <>
                <dt>Network fee</dt>
                <dd className="text-right font-mono" data-quote="networkFee">
                  {moneyText(quote.networkFee)}
                </dd>
              </>
            )}
          </dl>
        </details>
        {stale && <p className="text-xs leading-5 text-slate-600">Updating…</p>}
      </div>
    </div>
  );
}
