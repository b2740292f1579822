"use client";

import Link from "next/link";
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
  return (
    <section
      aria-label="Your guest limits"
      className="rounded-lg border border-slate-200 p-3 text-sm"
    >
      {limits ? (
        <ul>
          {describeLimits(limits).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : error ? (
        <div className="space-y-2">
          <p className="text-red-800">{error.message}</p>
          {/* Without limits nothing can be placed: said plainly, as a user who came from an
              order wonders whether pressing "Buy more" charged them again. */}
          {onRetry && earlierOrder && (
            <p>
              No new order was placed, and your earlier order is unchanged. Try again in a moment,
              or{" "}
              <Link
                href={`/buy/guest/orders/${encodeURIComponent(earlierOrder)}`}
                className="font-medium underline"
              >
                see your earlier order
              </Link>
              .
            </p>
          )}
          {onRetry && (
            <button
              type="button"
              onClick={onRetry}
              className="rounded-full border border-slate-400 px-3 py-1 text-sm"
            >
              Check again
            </button>
          )}
        </div>
      ) : (
        <p>Checking your limits…</p>
      )}
    </section>
  );
}

/**
 * Guest checkout cannot go on for this user (region, permission, purchases used up): a Coinbase
 * account can, and /buy opens with the purchase as it stands here.
 */
export function BlockedNotice({ message, purchase }: { message: string; purchase: Prefill }) {
  return (
    <div role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
      <p>{message}</p>
      <Link href="/buy" onClick={() => keepForBuy(purchase)} className="font-medium underline">
        Buy with a Coinbase account instead
      </Link>
    </div>
  );
}
