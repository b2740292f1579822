"use client";

/**
 * Tells the app's other tabs that something changed here (a sign-in, a Coinbase connection
 * ended), through a `storage` event, which every other tab of this origin receives: the key is
 * written and removed at once, leaving nothing behind (a BroadcastChannel would keep pages out
 * of the back/forward cache in some browsers, which SessionRecheck.tsx relies on).
 */
export function announceToOtherTabs(key: string, value: string): void {
  try {
    localStorage.setItem(key, JSON.stringify({ value, at: Date.now() }));
    localStorage.removeItem(key);
  } catch {
    // Storage disabled: other tabs learn it from their next request, as before.
  }
}

/** Calls `listener` with each value another tab announces under `key`; returns the unsubscribe. */
export function onAnnouncedByOtherTab(key: string, listener: (value: string) => void): () => void {
  function onStorage(event: StorageEvent) {
    if (event.key !== key || !event.newValue) return;
    try {
      const { value } = JSON.parse(event.newValue) as { value?: unknown };
      if (typeof value === "string") listener(value);
    } catch {
      // Not ours to read.
    }
  }
  window.addEventListener("storage", onStorage);
  return () => window.removeEventListener("storage", onStorage);
}
