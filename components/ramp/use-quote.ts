"use client";

import { useEffect, useRef, useState } from "react";
import { postJson } from "@/components/shared/post-json";
import { createQuoteScheduler, type QuoteState } from "@/lib/ramp/quote-scheduler";
import type { Quote, QuoteRequest } from "@/lib/ramp/quote-schema";

const DEBOUNCE_MS = 400;

/** The quote for `request` (null: nothing to quote), debounced and never stale. */
export function useQuote(request: QuoteRequest | null): {
  state: QuoteState<Quote>;
  forRequest: QuoteRequest | null;
} {
  const [state, setState] = useState<{ state: QuoteState<Quote>; forRequest: QuoteRequest | null }>(
    { state: { status: "idle" }, forRequest: null },
  );
  const scheduler = useRef<ReturnType<typeof createQuoteScheduler<QuoteRequest, Quote>> | null>(
    null,
  );
  const latest = useRef<QuoteRequest | null>(null);

  useEffect(() => {
    const s = createQuoteScheduler<QuoteRequest, Quote>({
      delayMs: DEBOUNCE_MS,
      fetchQuote: requestQuote,
      onChange: (next) => setState({ state: next, forRequest: latest.current }),
    });
    scheduler.current = s;
    return () => s.dispose();
  }, []);

  const key = JSON.stringify(request);
  useEffect(() => {
    latest.current = request;
    scheduler.current?.request(request);
    // `key` stands for `request`'s content: a new object with the same content is no change.
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps

  return state;
}

async function requestQuote(request: QuoteRequest, signal: AbortSignal): Promise<Quote> {
  const result = await postJson<Quote>("/api/quote", request, "quoteId", signal);
  if (result.ok) return result.data;
  // A 400 is Coinbase (or our checks) saying no to this amount or method: not worth ignoring.
  throw Object.assign(new Error(result.message), { refused: result.status === 400 });
}
