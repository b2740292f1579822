/**
 * Quotes as the user types: wait until typing pauses (debounce), keep at most one
 * request in flight (a newer one aborts the older), and drop any answer that is no
 * longer for the latest input. Browser-safe and framework-free, so it is unit-tested
 * with a fake clock.
 */
export type QuoteState<R> =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "ready"; value: R }
  /** `refused`: the quote was refused (say, an amount outside the limits), not merely unavailable. */
  | { status: "error"; message: string; refused: boolean };

export interface SchedulerDeps<Q, R> {
  delayMs: number;
  fetchQuote: (request: Q, signal: AbortSignal) => Promise<R>;
  onChange: (state: QuoteState<R>) => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export function createQuoteScheduler<Q, R>(deps: SchedulerDeps<Q, R>) {
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let timer: unknown;
  let inFlight: AbortController | undefined;
  let latest = 0;

  function cancelPending() {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
    inFlight?.abort();
    inFlight = undefined;
  }

  return {
    /** A new input: quote it after the pause, or clear the quote when `request` is null. */
    request(request: Q | null) {
      const id = ++latest;
      cancelPending();
      if (request === null) {
        deps.onChange({ status: "idle" });
        return;
      }
      deps.onChange({ status: "loading" });
      timer = setTimer(async () => {
        timer = undefined;
        const controller = new AbortController();
        inFlight = controller;
        try {
          const value = await deps.fetchQuote(request, controller.signal);
          if (id === latest) deps.onChange({ status: "ready", value });
        } catch (error) {
          if (id === latest && !controller.signal.aborted) {
            deps.onChange({
              status: "error",
              message: error instanceof Error ? error.message : "No quote available",
              refused: (error as { refused?: unknown } | null)?.refused === true,
            });
          }
        } finally {
          if (inFlight === controller) inFlight = undefined;
        }
      }, deps.delayMs);
    },
    dispose() {
      latest++;
      cancelPending();
    },
  };
}
