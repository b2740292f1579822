"use client";

import { announceToOtherTabs, onAnnouncedByOtherTab } from "@/components/shared/tab-announcement";

/**
 * Tells the app's other tabs that the signed-in user changed here (a sign-in or a sign-out),
 * so that none keeps showing the last user's header, history or form.
 */
const KEY = "ramp.viewer-changed";

/** `viewer` as the header names it (lib/auth/page-user.ts): an email, or "signed_out". */
export function announceViewer(viewer: string): void {
  announceToOtherTabs(KEY, viewer);
}

/** Calls `listener` with each viewer another tab announces; returns the unsubscribe. */
export function onViewerAnnounced(listener: (viewer: string) => void): () => void {
  return onAnnouncedByOtherTab(KEY, listener);
}
