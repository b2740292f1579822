"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { draftsOwner } from "@/components/shared/session-draft";

/**
 * A page Back brings from the browser's caches shows what it showed when left: after signing
 * out, "Signed in as <email>" would come back on a shared computer, with the form as the last
 * user left it, their wallet address in it; after signing in, a sign-in form whose code is
 * spent. So:
 * - restored from the back/forward cache (`pageshow` with `persisted`): if someone signed out,
 *   or in, in this tab since the page was loaded, it is loaded afresh, nothing of the last
 *   user's left on screen; else its server-rendered parts are fetched again, so the header
 *   says who is signed in now, and what the user typed stays (unless that is another user,
 *   signed in from another tab, for whom ClaimTabDrafts.tsx loads the page afresh);
 * - shown from the HTTP cache (a page left out of the back/forward cache, or dropped from it:
 *   its HTML as served then, `private, no-cache` in proxy.ts), it is loaded afresh: who it
 *   was rendered for cannot be told apart from who is signed in now.
 */
export function SessionRecheck() {
  const router = useRouter();
  useEffect(() => {
    if (servedFromCacheOnBack()) return window.location.reload();
    const ownerAtLoad = draftsOwner();
    function onShow(event: PageTransitionEvent) {
      if (!event.persisted) return;
      if (draftsOwner() !== ownerAtLoad) window.location.reload();
      else router.refresh();
    }
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, [router]);
  return null;
}

/** This document came by Back or Forward, and its HTML from the browser's cache (nothing transferred). */
function servedFromCacheOnBack(): boolean {
  const [entry] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
  return entry?.type === "back_forward" && entry.transferSize === 0;
}
