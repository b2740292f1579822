"use client";

import { useEffect } from "react";

/**
 * "Connected.", said once, on the return from Coinbase. The `connected=1` that asks for it
 * leaves the address as soon as it is shown, so a reload, a bookmark or Back to this page
 * days later does not announce a connection again.
 */
export function ConnectedNotice() {
  useEffect(() => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has("connected")) return;
    url.searchParams.delete("connected");
    window.history.replaceState(window.history.state, "", url);
  }, []);
  return (
    <p role="status" className="rounded-lg bg-emerald-50 p-3 text-emerald-900">
      Connected.
    </p>
  );
}
