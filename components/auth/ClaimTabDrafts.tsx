"use client";

import { useLayoutEffect, useRef } from "react";
import { claimDrafts } from "@/components/shared/session-draft";

/**
 * Cookies are shared by the browser's tabs, sessionStorage is not: a tab whose drafts were
 * kept for one user, reloaded once another has signed in from another tab, is rendered for
 * the new one, and would fill their form with the last one's (their wallet address: paid
 * into by mistake). So each page rendered for a signed-in user claims the tab's drafts for
 * them, as signing in here does: another user's are forgotten. A layout effect, so that it
 * runs before any form's own effect reads its draft.
 */
export function ClaimTabDrafts({ email }: { email: string }) {
  const loaded = useRef(false);
  useLayoutEffect(() => {
    const { forgotOthers } = claimDrafts(email);
    // Refreshed for another user (shown again from the back/forward cache: SessionRecheck.tsx),
    // the page's forms still hold what the last one typed: loaded afresh, they start empty.
    if (forgotOthers && loaded.current) window.location.reload();
    loaded.current = true;
  }, [email]);
  return null;
}
