"use client";

import { useWindowEvent } from "./use-window-event";

/**
 * Runs `onRestored` when the browser shows this page again from its back/forward cache: the
 * user pressed Back on Coinbase's page (or ours). The page comes back as it was left, its
 * button still "Opening Coinbase…" and disabled; this is where a form says it is no longer
 * leaving.
 */
export function useRestoredPage(onRestored: () => void) {
  useWindowEvent("pageshow", (event) => {
    if (event.persisted) onRestored();
  });
}
