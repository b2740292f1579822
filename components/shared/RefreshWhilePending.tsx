"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";

/**
 * Renders the page again from the server every `everyMs` while it is mounted: a page shows
 * it only while the state it reads (a sale, an order) is not final. `children` say so.
 * After `forMs` it stops (each refresh may ask Coinbase) and says how to check again.
 */
export function RefreshWhilePending({
  everyMs = 1500,
  forMs = 15 * 60_000,
  stopped:
    stoppedText = "Not final yet, and this page has stopped checking: reload it to check again.",
  children = null,
}: {
  everyMs?: number;
  forMs?: number;
  /** What the page says once it has stopped. */
  stopped?: string;
  children?: ReactNode;
}) {
  const router = useRouter();
  const [stopped, setStopped] = useState(false);
  useEffect(() => {
    const until = Date.now() + forMs;
    const timer = setInterval(() => {
      if (Date.now() < until) return router.refresh();
      clearInterval(timer);
      setStopped(true);
    }, everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs, forMs]);
  if (stopped)
    return (
      <p role="status" className="text-sm text-slate-600">
        {stoppedText}
      </p>
    );
  return children;
}
