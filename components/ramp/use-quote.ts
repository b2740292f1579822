"use client";

import { useEffect, useRef, useState } from "react";
import { postJson } from "@/components/shared/post-json";
import { useWindowEvent } from "@/components/shared/use-window-event";
import { createQuoteScheduler, type QuoteState } from "@/lib/ramp/quote-scheduler";
import type { Quote, QuoteRequest } from "@/lib/ramp/quote-schema";

const DEBOUNCE_MS = 400;
// A quote is good for a short while only (the sandbox's for 2 minutes): one on screen is
// renewed every minute, so the quote the URL carries is not an expired one.
const REFRESH_MS = 60_000;

interface QuoteView {
  state: QuoteState<Quote>;
  forRequest: QuoteRequest | null;
  /** The last quote shown, kept on screen (marked as updating) while the next one loads. */
  previous: Quote | null;
}

/** A quote's answer (ready or error) and the request it answered. */
export interface SettledQuote {
  state: QuoteState<Quote>;
  forRequest: QuoteRequest | null;
}

// A submit waits at most this long for a quote on its way, then goes on without it.
const SETTLE_WAIT_MS = 10_000;

/**
 * The quote for `request` (null: nothing to quote), debounced and never stale. `settled()`
 * waits for the answer to the latest request: a submit made while it is on its way (typed,
 * then Continue at once) is checked against it, not let through unchecked.
 */
export function useQuote(
  request: QuoteRequest | null,
): QuoteView & { settled: () => Promise<SettledQuote> } {
  const [state, setState] = useState<QuoteView>({
    state: { status: "idle" },
    forRequest: null,
    previous: null,
  });
  const scheduler = useRef<ReturnType<typeof createQuoteScheduler<QuoteRequest, Quote>> | null>(
    null,
  );
  const latest = useRef<QuoteRequest | null>(null);
  const answer = useRef<SettledQuote | null>(null);
  const waiting = useRef<((answer: SettledQuote | null) => void)[]>([]);

  useEffect(() => {
    const s = createQuoteScheduler<QuoteRequest, Quote>({
      delayMs: DEBOUNCE_MS,
      refreshMs: REFRESH_MS,
      fetchQuote: requestQuote,
      onChange: (next) => {
        setState((prev) => ({
          state: next,
          forRequest: latest.current,
          previous:
            next.status === "ready" ? next.value : next.status === "loading" ? prev.previous : null,
        }));
        const settled = next.status === "ready" || next.status === "error";
        answer.current = settled ? { state: next, forRequest: latest.current } : null;
        if (settled) waiting.current.splice(0).forEach((resolve) => resolve(answer.current));
      },
    });
    scheduler.current = s;
    // A hidden tab's timers are held back, and a page restored by Back has slept: on coming
    // back into view, a quote past its refresh time is renewed at once.
    const renewIfDue = () => {
      if (document.visibilityState === "visible") s.refreshIfOlder(REFRESH_MS);
    };
    document.addEventListener("visibilitychange", renewIfDue);
    window.addEventListener("pageshow", renewIfDue);
    return () => {
      s.dispose();
      document.removeEventListener("visibilitychange", renewIfDue);
      window.removeEventListener("pageshow", renewIfDue);
    };
  }, []);
  // A quote lost to a dropped connection comes back with it, not only with the next input.
  useWindowEvent("online", () => scheduler.current?.retryUnavailable());

  const key = JSON.stringify(request);
  useEffect(() => {
    latest.current = request;
    answer.current = null;
    scheduler.current?.request(request);
    // `key` stands for `request`'s content: a new object with the same content is no change.
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps

  const settled = () =>
    new Promise<SettledQuote>((resolve) => {
      const idle = { state: { status: "idle" } as const, forRequest: null };
      if (latest.current === null || answer.current) return resolve(answer.current ?? idle);
      const done = (a: SettledQuote | null) => resolve(a ?? idle);
      waiting.current.push(done);
      setTimeout(() => {
        waiting.current = waiting.current.filter((w) => w !== done);
        done(null);
      }, SETTLE_WAIT_MS);
    });

  return { ...state, settled };
}

async function requestQuote(request: QuoteRequest, signal: AbortSignal): Promise<Quote> {
  const result = await postJson<Quote>("/api/quote", request, "quoteId", { signal });
  if (result.ok) return result.data;
  // A 400 is Coinbase (or our checks) saying no to this amount or method: not worth ignoring.
  // A field's own reason ("at most 2 decimal places") says more than the envelope's summary;
  // the field it is on tells the form where to show it.
  const issue = result.issues[0];
  throw Object.assign(new Error(issue?.message ?? result.message), {
    refused: result.status === 400,
    field: issue?.path,
  });
}
