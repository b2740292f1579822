"use client";

import { useEffect, useRef } from "react";

/**
 * Runs `onRestored` when the browser shows this page again from its back/forward cache: the
 * user pressed Back on Coinbase's page (or ours). The page comes back as it was left, its
 * button still "Opening Coinbase…" and disabled; this is where a form says it is no longer
 * leaving.
 */
export function useRestoredPage(onRestored: () => void) {
  const latest = useRef(onRestored);
  useEffect(() => {
    latest.current = onRestored;
  });
  useEffect(() => {
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) latest.current();
    };
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, []);
}
