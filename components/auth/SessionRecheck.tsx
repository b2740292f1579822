"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { draftsOwner } from "@/components/shared/session-draft";

/**
 * A page restored from the back/forward cache shows what it showed when left: after signing
 * out, Back would bring "Signed in as <email>" back on a shared computer, and the form as the
 * last user left it, their wallet address in it. So on such a restore:
 * - if someone signed out (or in as another user) in this tab since the page was loaded,
 *   the page is loaded afresh: nothing of the last user's stays on screen;
 * - else the page's server-rendered parts are fetched again, so the header says who is
 *   signed in now, and what the user typed into a form stays; unless that is another user
 *   (signed in from another tab), for whom ClaimTabDrafts.tsx loads the page afresh.
 */
export function SessionRecheck() {
  const router = useRouter();
  useEffect(() => {
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
