"use client";

import { useEffect, useRef } from "react";
import type { OnrampOrder } from "@/lib/guest/onramp-api";
import { guestApi } from "./guest-api";

export interface WatchedOrder {
  order: OnrampOrder;
  transaction: { status: string };
}

// As often as the order's own page checks an unpaid order; well within the look-up limit.
const EVERY_MS = 5_000;

/**
 * Asks for the order (Coinbase's answer, applied to the ledger) every few seconds while
 * `orderId` is set, and at once when the tab is shown again: it may have been paid in another
 * tab or on another device meanwhile. No `orderId`, no asking.
 */
export function useOrderWatch(orderId: string | undefined, onAnswer: (a: WatchedOrder) => void) {
  const latest = useRef(onAnswer);
  useEffect(() => {
    latest.current = onAnswer;
  });
  useEffect(() => {
    if (!orderId) return;
    let stopped = false;
    async function ask() {
      const result = await guestApi<WatchedOrder>(`/api/guest/orders/${orderId}`);
      if (!stopped && result.ok) latest.current(result.data);
    }
    function onVisible() {
      if (document.visibilityState === "visible") void ask();
    }
    const timer = setInterval(() => void ask(), EVERY_MS);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [orderId]);
}
