"use client";

import { useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";

/**
 * Renders the page again from the server every `everyMs` while it is mounted: a page shows
 * it only while the state it reads (a sale, an order) is not final. `children` say so.
 */
export function RefreshWhilePending({
  everyMs = 1500,
  children = null,
}: {
  everyMs?: number;
  children?: ReactNode;
}) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return children;
}
