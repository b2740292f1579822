"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * A page restored from the back/forward cache shows what it showed when left: after signing
 * out, Back would bring "Signed in as <email>" back on a shared computer. On such a restore
 * the page's server-rendered parts are fetched again, so the header says who is signed in
 * now; what the user typed into a form stays.
 */
export function SessionRecheck() {
  const router = useRouter();
  useEffect(() => {
    function onShow(event: PageTransitionEvent) {
      if (event.persisted) router.refresh();
    }
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, [router]);
  return null;
}
