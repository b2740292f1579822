"use client";

import { useEffect, useMemo, useState } from "react";
import { isSettled, recentlyAwaitingDeposit, type RampTransaction } from "@/lib/ramp/transactions";
import type { Side } from "@/lib/ramp/options";
import { leadWith } from "@/lib/ramp/return-order";

export type TransactionsState =
  | { status: "loading" }
  /**
   * `problem`: the last check failed; these are from the one before, still shown.
   * `gaveUp`: none came while the page asked; it asks again only when told to.
   * `checking`: told to, it has asked again and has no answer yet.
   * `signIn`: the problem is a 401 (the session ended): the page has stopped asking.
   */
  | {
      status: "ready";
      transactions: RampTransaction[];
      /** The server's clock less this browser's (ms): a page judges the time by the server's. */
      skewMs: number;
      problem?: string;
      gaveUp?: boolean;
      checking?: boolean;
      signIn?: boolean;
    }
  /** `signIn`: the server needs to know who is asking (a 401). */
  | { status: "error"; message: string; signIn?: boolean };

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 10_000;

/**
 * The reader's transactions (the signed-in account's, or the one a phone link started),
 * led by `order` when it is one of them (else by the newest), polled with backoff (1 s,
 * 1.5 s, 2.3 s … up to 10 s) until that leading one is final, or for about 20 s when there
 * is none (a start writes its row at once: none was started, unless in another tab).
 * Polling stops when the tab is closed. `checkAgain` starts over.
 */
export function useTransactions(
  side: Side,
  order?: string,
): [TransactionsState, checkAgain: () => void] {
  const [state, setState] = useState<TransactionsState>({ status: "loading" });
  const [round, setRound] = useState(0);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = FIRST_DELAY_MS;
    const controller = new AbortController();
    // One failed check must not take the status (and a sale's deposit address, perhaps
    // being copied) off the screen: what was shown stays, with the problem beside it.
    const failed = (message: string, signIn = false) =>
      setState((prev) =>
        prev.status === "ready"
          ? // No longer "Checking again…": the check is over, and the problem says why.
            { ...prev, problem: message, signIn, checking: false }
          : { status: "error", message, signIn },
      );

    async function poll() {
      try {
        const query = new URLSearchParams(order ? { side, order } : { side });
        const response = await fetch(`/api/transactions?${query}`, {
          signal: controller.signal,
          cache: "no-store",
        });
        // A proxy's error page (a 502 in HTML) is an answer too: the server was reached.
        const body = (await response.json().catch(() => ({}))) as {
          transactions?: RampTransaction[];
          now?: number;
          error?: { message: string };
        };
        if (stopped) return;
        if (response.status === 401) {
          // Signed out (or the session ended): nothing to wait for until the user signs in.
          failed(body.error?.message ?? "Sign in to see your transactions.", true);
          return;
        }
        if (!response.ok || !body.transactions) {
          failed(body.error?.message ?? "Could not load the transaction status.");
        } else {
          const transactions = leadWith(body.transactions, order);
          // A browser's clock may be an hour off (set by hand, a wrong time zone): how long a
          // sale's deposit is shown, and when a start reads "not completed", go by the server's.
          const skewMs = typeof body.now === "number" ? body.now - Date.now() : 0;
          setState({ status: "ready", transactions, skewMs });
          const lead = transactions[0];
          const now = serverNow(skewMs);
          // Done, unless another sale still waits for its crypto (its box is on the page).
          const waiting = transactions.some((t) => recentlyAwaitingDeposit(t, now));
          if (lead && isSettled(lead, now) && !waiting) return;
          if (!lead && delay > 8_000) {
            setState({ status: "ready", transactions: [], skewMs, gaveUp: true });
            return;
          }
        }
      } catch {
        if (stopped) return;
        failed("Could not reach the server: retrying.");
      }
      timer = setTimeout(poll, delay);
      delay = Math.min(MAX_DELAY_MS, Math.round(delay * 1.5));
    }

    poll();
    return () => {
      stopped = true;
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [side, order, round]);

  function checkAgain() {
    // What is shown stays while the page asks again (its headline must not flip back to
    // "loading"); it says it is checking, no longer that it has stopped.
    setState((prev) =>
      prev.status === "ready"
        ? { status: "ready", transactions: prev.transactions, skewMs: prev.skewMs, checking: true }
        : { status: "loading" },
    );
    setRound((n) => n + 1);
  }
  // Another order of the list opened (the same page, another query): it leads at once, from
  // the list already in, rather than the last one's status under its link until the next answer.
  const led = useMemo(
    () =>
      state.status === "ready"
        ? { ...state, transactions: leadWith(state.transactions, order) }
        : state,
    [state, order],
  );
  return [led, checkAgain];
}

/** The server's time now, from this browser's clock and the skew its last answer showed. */
export function serverNow(skewMs: number): number {
  return Date.now() + skewMs;
}
