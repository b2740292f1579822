"use client";

import { useEffect, useRef } from "react";

/**
 * Runs `onOnline` when the browser's connection comes back: what failed for want of it (a
 * quote, a press of the form's button) is asked again, or its message taken down.
 */
export function useBackOnline(onOnline: () => void) {
  const latest = useRef(onOnline);
  useEffect(() => {
    latest.current = onOnline;
  });
  useEffect(() => {
    const online = () => latest.current();
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, []);
}
