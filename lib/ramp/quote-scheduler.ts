/**
 * Quotes as the user types: wait until typing pauses (debounce), keep at most one
 * request in flight (a newer one aborts the older), and drop any answer that is no
 * longer for the latest input. Browser-safe and framework-free, so it is unit-tested
 * with a fake clock.
 */
export type QuoteState<R> =
  | { status: "idle" }
  | { status: "loading" }
  /** `quiet`: a timed renewal of the quote on screen, nothing the user asked for. */
  | { status: "ready"; value: R; quiet?: true }
  /**
   * `refused`: the quote was refused (say, an amount outside the limits), not merely
   * unavailable; `field`: the request field the refusal is about, when it names one.
   */
  | { status: "error"; message: string; refused: boolean; field?: string };

export interface SchedulerDeps<Q, R> {
  delayMs: number;
  fetchQuote: (request: Q, signal: AbortSignal) => Promise<R>;
  onChange: (state: QuoteState<R>) => void;
  /**
   * A quote is good for a short while only (Coinbase refuses an expired one): with this
   * set, a quote on screen is asked for again this long after it arrived.
   */
  refreshMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  now?: () => number;
}

export function createQuoteScheduler<Q, R>(deps: SchedulerDeps<Q, R>) {
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const now = deps.now ?? Date.now;
  let timer: unknown;
  let inFlight: AbortController | undefined;
  let latest = 0;
  // The request whose quote is on screen, and when that quote arrived.
  let shown: { request: Q; at: number } | undefined;
  // The request whose quote could not be had (the connection dropped, Coinbase did not
  // answer), not refused: asked for again, as a quote on screen is renewed.
  let unavailable: Q | undefined;

  function cancelPending() {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
    inFlight?.abort();
    inFlight = undefined;
  }

  /**
   * `quietly`: what is on screen stays as it is until the answer, not marked as updating. A
   * `renewal` of a quote still good is also answered `quiet`: nothing the user asked for.
   */
  function schedule(request: Q, delayMs: number, quietly = false, renewal = false) {
    const id = ++latest;
    cancelPending();
    unavailable = undefined;
    if (!quietly) {
      shown = undefined;
      deps.onChange({ status: "loading" });
    }
    timer = setTimer(async () => {
      timer = undefined;
      const controller = new AbortController();
      inFlight = controller;
      try {
        const value = await deps.fetchQuote(request, controller.signal);
        if (id === latest) {
          deps.onChange({ status: "ready", value, ...(renewal && { quiet: true as const }) });
          shown = { request, at: now() };
          if (deps.refreshMs) timer = setTimer(() => renew(deps.refreshMs!), deps.refreshMs);
        }
      } catch (error) {
        if (id === latest && !controller.signal.aborted) {
          shown = undefined; // a failed renewal takes the old quote off the screen too
          const refused = (error as { refused?: unknown } | null)?.refused === true;
          deps.onChange({
            status: "error",
            message: error instanceof Error ? error.message : "No quote available",
            refused,
            ...fieldOf(error),
          });
          if (!refused) {
            unavailable = request;
            if (deps.refreshMs) timer = setTimer(retryUnavailable, deps.refreshMs);
          }
        }
      } finally {
        if (inFlight === controller) inFlight = undefined;
      }
    }, delayMs);
  }

  /**
   * The timed renewal. Quiet while the quote on screen is still good; one whose timer ran
   * late (a sleeping laptop, a throttled tab) may have run out: shown as updating, so that
   * nothing carries it meanwhile.
   */
  function renew(refreshMs: number) {
    if (!shown) return;
    const stillGood = now() - shown.at < refreshMs * 1.5;
    schedule(shown.request, 0, stillGood, stillGood);
  }

  /** Asks again for a quote that could not be had; its message stays until the answer. */
  function retryUnavailable() {
    if (unavailable !== undefined) schedule(unavailable, 0, true);
  }

  return {
    /** A new input: quote it after the pause, or clear the quote when `request` is null. */
    request(request: Q | null) {
      if (request === null) {
        latest++;
        cancelPending();
        shown = undefined;
        unavailable = undefined;
        deps.onChange({ status: "idle" });
        return;
      }
      schedule(request, deps.delayMs);
    },
    /**
     * The page is in view again (a tab brought back, a page restored by Back): a quote on
     * screen older than `minAgeMs` is asked for again at once, shown as updating (it may have
     * run out). Timers of a hidden page may have been held back by the browser, so the
     * refresh above may not have run.
     */
    refreshIfOlder(minAgeMs: number) {
      if (shown && now() - shown.at >= minAgeMs) schedule(shown.request, 0);
    },
    /** The connection is back: a quote that could not be had is asked for at once. */
    retryUnavailable,
    dispose() {
      latest++;
      cancelPending();
    },
  };
}

function fieldOf(error: unknown): { field?: string } {
  const field = (error as { field?: unknown } | null)?.field;
  return typeof field === "string" ? { field } : {};
}
