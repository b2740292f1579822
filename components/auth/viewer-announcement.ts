"use client";

/**
 * Tells the app's other tabs that the signed-in user changed here (a sign-in or a sign-out),
 * so that none keeps showing the last user's header, history or form. Through a `storage`
 * event, which every other tab of this origin receives: the key is written and removed at
 * once, leaving nothing behind (a BroadcastChannel would keep pages out of the back/forward
 * cache in some browsers, which SessionRecheck.tsx relies on).
 */
const KEY = "ramp.viewer-changed";

/** `viewer` as the header names it (lib/auth/page-user.ts): an email, or "signed_out". */
export function announceViewer(viewer: string): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ viewer, at: Date.now() }));
    localStorage.removeItem(KEY);
  } catch {
    // Storage disabled: other tabs learn it from their next request, as before.
  }
}

/** Calls `listener` with each viewer another tab announces; returns the unsubscribe. */
export function onViewerAnnounced(listener: (viewer: string) => void): () => void {
  function onStorage(event: StorageEvent) {
    if (event.key !== KEY || !event.newValue) return;
    try {
      const { viewer } = JSON.parse(event.newValue) as { viewer?: unknown };
      if (typeof viewer === "string") listener(viewer);
    } catch {
      // Not ours to read.
    }
  }
  window.addEventListener("storage", onStorage);
  return () => window.removeEventListener("storage", onStorage);
}
