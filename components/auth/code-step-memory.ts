"use client";

import { useEffect, useRef } from "react";

/**
 * The email a sign-in code was just sent to, kept for this tab (sessionStorage) while the code
 * works. On a phone the user goes to their mail app for the code, and the browser may
 * discard the tab meanwhile: coming back, they find the code step again, not an empty form
 * that would send another code.
 */
const KEY = "sign-in-code-step";

export function rememberCodeStep(email: string): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ email, sentAt: Date.now() }));
  } catch {
    // Storage refused (private mode, full): the user simply asks again.
  }
}

export function forgetCodeStep(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {}
}

function recalled(maxAgeMs: number): string | null {
  try {
    const kept = JSON.parse(sessionStorage.getItem(KEY) ?? "null") as {
      email?: unknown;
      sentAt?: unknown;
    } | null;
    const fresh = typeof kept?.sentAt === "number" && Date.now() - kept.sentAt < maxAgeMs;
    return fresh && typeof kept?.email === "string" ? kept.email : null;
  } catch {
    return null;
  }
}

/** Once the page runs (the server cannot see the tab's storage): `onRecall` with the email. */
export function useRecalledCodeStep(maxAgeMs: number, onRecall: (email: string) => void) {
  const latest = useRef(onRecall);
  useEffect(() => {
    latest.current = onRecall;
  });
  useEffect(() => {
    const email = recalled(maxAgeMs);
    if (email) latest.current(email);
  }, [maxAgeMs]);
}
