"use client";

import Link from "next/link";
import { useRef, type Ref } from "react";
import { describeLimits, type GuestLimits } from "@/lib/guest/limits";
import type { Prefill } from "@/lib/guest/prefill";
import { keepForBuy } from "./buy-with-account";

/**
 * The user's guest limits as Coinbase states them, shown before any order. No order can be
 * made without them, so a failure to get them offers to ask again (`onRetry`).
 */
export function LimitsPanel({
  limits,
  error,
  onRetry,
  earlierOrder,
}: {
  limits: GuestLimits | null;
  error: { message: string } | null;
  onRetry?: () => void;
  /** The order this purchase repeats ("Buy more", "buy again"): the user may wonder about it. */
  earlierOrder?: string;
}) {
  const panel = useRef<HTMLElement>(null);
  // One status line from "Checking your limits…" to a failure and back, so a screen reader
  // hears each (a live region put on the page with its words is often not read out). "Check
  // again" goes once pressed: the focus waits on the panel, where the limits come.
  return (
    <section
      ref={panel}
      tabIndex={-1}
      aria-label="Your guest limits"
      className="space-y-2 rounded-lg border border-slate-200 p-3 text-sm"
    >
      {limits && (
        <ul>
          {describeLimits(limits).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {!limits && (
        <p role="status" className={error ? "text-red-800" : undefined}>
          {error ? error.message : "Checking your limits…"}
        </p>
      )}
      {/* Without limits nothing can be placed: said plainly, as a user who came from an order
          wonders whether pressing "Buy more" charged them again. */}
      {!limits && error && onRetry && earlierOrder && (
        <p>
          No new order was placed, and your earlier order is unchanged. Try again in a moment, or{" "}
          <Link
            href={`/buy/guest/orders/${encodeURIComponent(earlierOrder)}`}
            className="font-medium underline"
          >
            see your earlier order
          </Link>
          .
        </p>
      )}
      {!limits && error && onRetry && (
        <button
          type="button"
          onClick={() => {
            panel.current?.focus();
            onRetry();
          }}
          className="rounded-full border border-slate-400 px-3 py-1 text-sm"
        >
          Check again
        </button>
      )}
    </section>
  );
}

/**
 * Guest checkout cannot go on for this user (region, permission, purchases used up): a Coinbase
 * account can, and /buy opens with the purchase as it stands here.
 */
export function BlockedNotice({
  message,
  purchase,
  ref,
}: {
  message: string;
  purchase: Prefill;
  /** Focused by a refused order: the button pressed is off for good. */
  ref?: Ref<HTMLDivElement>;
}) {
  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      className="rounded-lg bg-red-50 p-3 text-sm text-red-800"
    >
      <p>{message}</p>
      <Link href="/buy" onClick={() => keepForBuy(purchase)} className="font-medium underline">
        Buy with a Coinbase account instead
      </Link>
    </div>
  );
}
