"use client";

import { useCallback, useRef, useState } from "react";

/**
 * A form's submit, one at a time: `run` ignores a second call while the first is under way
 * (a double click, a second Enter), checked before anything is awaited, which state alone
 * cannot do (it changes only on the next render). `busy` shows it.
 */
export function useOneAtATime() {
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (task: () => Promise<void>) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    try {
      await task();
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, run };
}
