"use client";

import { useEffect, useRef } from "react";
import type { OnrampOrder } from "@/lib/guest/onramp-api";
import { nextWatchDelay } from "@/lib/guest/watch-schedule";
import type { RampTransaction } from "@/lib/ramp/transactions";
import { guestApi } from "./guest-api";

/** `GET /api/guest/orders/<id>`: Coinbase's order, and the ledger's row (replaced or not). */
export interface WatchedOrder {
  order: OnrampOrder;
  transaction: Pick<RampTransaction, "status" | "replacedBy">;
}

/**
 * Asks for the order (Coinbase's answer, applied to the ledger) while `orderId` is set: every
 * 5 s while it changes, less often while it does not (lib/guest/watch-schedule.ts), never
 * while the tab is hidden, and at once when it is shown again: it may have been paid in another
 * tab or on another device meanwhile. No `orderId`, no asking: callers unset it once the order
 * is final.
 */
export function useOrderWatch(orderId: string | undefined, onAnswer: (a: WatchedOrder) => void) {
  const latest = useRef(onAnswer);
  useEffect(() => {
    latest.current = onAnswer;
  });
  useEffect(() => {
    if (!orderId) return;
    let stopped = false;
    let asking = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let unchanged = 0;
    let seen: string | undefined;
    async function ask() {
      if (asking) return;
      asking = true;
      clearTimeout(timer);
      const result = await guestApi<WatchedOrder>(`/api/guest/orders/${orderId}`);
      asking = false;
      if (stopped) return;
      if (result.ok) {
        const now = `${result.data.order.status} ${result.data.transaction.status}`;
        unchanged = now === seen ? unchanged + 1 : 0;
        seen = now;
        latest.current(result.data);
      } else unchanged += 1;
      // A hidden tab asks again when it is shown (onVisible), not in the background.
      if (document.visibilityState === "hidden") return;
      const retryAfter = result.ok ? undefined : result.retryAfterSeconds;
      timer = setTimeout(() => void ask(), nextWatchDelay(unchanged, retryAfter));
    }
    function onVisible() {
      if (document.visibilityState !== "visible") return;
      unchanged = 0;
      void ask();
    }
    timer = setTimeout(() => void ask(), nextWatchDelay(0));
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [orderId]);
}
