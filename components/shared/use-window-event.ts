"use client";

import { useEffect, useRef } from "react";

/**
 * Runs `handler` on each `type` event of the window (the connection back, a page shown
 * again), with the component's latest props and state: listened to once, not re-added at
 * each render.
 */
export function useWindowEvent<K extends keyof WindowEventMap>(
  type: K,
  handler: (event: WindowEventMap[K]) => void,
) {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const listener = (event: WindowEventMap[K]) => latest.current(event);
    window.addEventListener(type, listener);
    return () => window.removeEventListener(type, listener);
  }, [type]);
}
