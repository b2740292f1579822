"use client";

import { useRouter } from "next/navigation";
import { useEffect, useLayoutEffect } from "react";
import { claimDrafts, forgetEveryDraft } from "@/components/shared/session-draft";
import { SIGNED_OUT_MARK } from "@/lib/auth/signed-out-mark";
import { announceViewer, onViewerAnnounced } from "./viewer-announcement";

/**
 * Who the header names: an email, "signed_out" or "unknown". The layout, and so the header,
 * is rendered once per full page load; the site's links then render only the next page.
 */
let shownInHeader: string | undefined;

/**
 * Rendered by the header: records who it names. When another tab signs in as someone else
 * or signs out, this tab is loaded again for whoever is signed in now, its drafts forgotten
 * after a sign-out: on a shared computer, a tab left open shows nothing of the last user.
 */
export function HeaderViewer({ viewer }: { viewer: string }) {
  useLayoutEffect(() => {
    shownInHeader = viewer;
  }, [viewer]);
  // Signed out by the header's form before the last page's script ran: what the button's
  // script does after a sign-out is done here, once, and the mark taken off the address.
  useEffect(() => {
    if (viewer !== "signed_out") return;
    const url = new URL(window.location.href);
    const { name, value } = SIGNED_OUT_MARK;
    if (url.searchParams.get(name) !== value) return;
    forgetEveryDraft();
    announceViewer("signed_out");
    url.searchParams.delete(name);
    window.history.replaceState(window.history.state, "", url);
  }, [viewer]);
  useEffect(
    () =>
      onViewerAnnounced((announced) => {
        if (announced === shownInHeader) return;
        if (announced === "signed_out") forgetEveryDraft();
        window.location.reload();
      }),
    [],
  );
  return null;
}

/**
 * Rendered by each page (PageViewerCheck.tsx) with who it was rendered for. Moved here by a
 * link after another user signed in (or out) from another tab, the page is the new user's
 * while the header still names the last one, and the tab's drafts are still theirs: a form
 * would bring back their wallet address, into the new user's purchase. So the drafts go to
 * the page's user before any form reads one (a layout effect runs before the forms' effects,
 * as in ClaimTabDrafts.tsx), and the header is rendered again.
 */
export function PageViewer({ viewer, email }: { viewer: string; email: string | null }) {
  const router = useRouter();
  useLayoutEffect(() => {
    if (shownInHeader === undefined || shownInHeader === viewer) return;
    if (email !== null) claimDrafts(email);
    router.refresh();
  }, [viewer, email, router]);
  return null;
}
