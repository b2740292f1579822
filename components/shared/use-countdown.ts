"use client";

import { useEffect, useState } from "react";

/**
 * Whole seconds left until a moment the server named (a Retry-After, or when the next code
 * may be sent), ticking down to 0; `start(seconds)` sets a new moment. `initialUntil`: the
 * moment (epoch ms) of a wait already running when the page was shown.
 */
export function useCountdown(initialUntil = 0): [number, (seconds: number) => void] {
  const [until, setUntil] = useState(initialUntil);
  const [left, setLeft] = useState(() => secondsUntil(initialUntil));
  useEffect(() => {
    if (until === 0) return;
    const timer = setInterval(() => {
      const seconds = secondsUntil(until);
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

const secondsUntil = (moment: number) => Math.max(0, Math.ceil((moment - Date.now()) / 1000));
