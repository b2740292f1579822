"use client";

import { useEffect, useRef } from "react";

const KEY = "renders-shown";

/**
 * Loads the page afresh when the router shows one of its renders a second time: Back after
 * a link away (the router keeps each page as the server first rendered it). For a page whose
 * steps move on in the browser (guest checkout's verifications), that render is out of date:
 * it would ask again for what is done. `renderId` is new on every server render; what the
 * user typed is kept in the tab (session-draft.ts) across the reload.
 */
export function ReloadIfShownAgain({ renderId }: { renderId: string }) {
  // Once per mount: React's development double effects must not read the mark just made.
  const checked = useRef(false);
  useEffect(() => {
    if (checked.current) return;
    checked.current = true;
    try {
      const shown = JSON.parse(sessionStorage.getItem(KEY) ?? "[]") as unknown;
      const ids = Array.isArray(shown) ? shown : [];
      if (ids.includes(renderId)) return window.location.reload();
      sessionStorage.setItem(KEY, JSON.stringify([...ids, renderId].slice(-20)));
    } catch {
      // Storage disabled: the page stays as the router kept it.
    }
  }, [renderId]);
  return null;
}
