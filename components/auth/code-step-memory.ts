"use client";

import { useEffect, useRef } from "react";

/**
 * The email a sign-in code was just sent to, kept for this tab (sessionStorage) while the code
 * works. On a phone the user goes to their mail app for the code, and the browser may
 * discard the tab meanwhile: coming back, they find the code step again, not an empty form
 * that would send another code. A wait the server named for the next code is kept with it,
 * as a moment: back on the page, the countdown goes on from where it is now.
 */
const KEY = "sign-in-code-step";

export interface RecalledCodeStep {
  email: string;
  /** Whole seconds until another code may be asked for; 0 when it may be now. */
  waitSeconds: number;
}

export function rememberCodeStep(email: string): void {
  write({ email, sentAt: Date.now() });
}

/** The server refused another code for `seconds` (a 429's Retry-After). */
export function rememberCodeWait(seconds: number): void {
  try {
    const kept = JSON.parse(sessionStorage.getItem(KEY) ?? "null") as object | null;
    if (kept) write({ ...kept, nextCodeAt: Date.now() + seconds * 1000 });
  } catch {}
}

export function forgetCodeStep(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {}
}

function write(value: object): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(value));
  } catch {
    // Storage refused (private mode, full): the user simply asks again.
  }
}

/** The kept step, if its code still works at `now`; a wait already over is 0, never less. */
export function readCodeStep(
  stored: string | null,
  now: number,
  maxAgeMs: number,
): RecalledCodeStep | null {
  try {
    const kept = JSON.parse(stored ?? "null") as {
      email?: unknown;
      sentAt?: unknown;
      nextCodeAt?: unknown;
    } | null;
    const fresh = typeof kept?.sentAt === "number" && now - kept.sentAt < maxAgeMs;
    if (!fresh || typeof kept?.email !== "string") return null;
    const until = typeof kept.nextCodeAt === "number" ? kept.nextCodeAt : now;
    return { email: kept.email, waitSeconds: Math.max(0, Math.ceil((until - now) / 1000)) };
  } catch {
    return null;
  }
}

/** Once the page runs (the server cannot see the tab's storage): `onRecall` with the step. */
export function useRecalledCodeStep(maxAgeMs: number, onRecall: (step: RecalledCodeStep) => void) {
  const latest = useRef(onRecall);
  useEffect(() => {
    latest.current = onRecall;
  });
  useEffect(() => {
    let stored: string | null = null;
    try {
      stored = sessionStorage.getItem(KEY);
    } catch {}
    const step = readCodeStep(stored, Date.now(), maxAgeMs);
    if (step) latest.current(step);
  }, [maxAgeMs]);
}
