"use client";

import { useEffect, useState } from "react";

/**
 * Whole seconds left until a moment the server named (a Retry-After, or when the next code
 * may be sent), ticking down to 0; `start(seconds)` sets a new moment. `initialSeconds`: a
 * wait already running when the page was shown, counted from its arrival here.
 */
export function useCountdown(initialSeconds = 0): [number, (seconds: number) => void] {
  const [until, setUntil] = useState(() =>
    initialSeconds > 0 ? Date.now() + initialSeconds * 1000 : 0,
  );
  const [left, setLeft] = useState(Math.max(0, Math.ceil(initialSeconds)));
  useEffect(() => {
    if (until === 0) return;
    const timer = setInterval(() => {
      const seconds = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      setLeft(seconds);
      if (seconds === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);
  const start = (seconds: number) => {
    setLeft(Math.max(0, Math.ceil(seconds)));
    setUntil(Date.now() + seconds * 1000);
  };
  return [left, start];
}
