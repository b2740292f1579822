"use client";

import { useEffect, useRef } from "react";
import { announceConnectionMade } from "@/components/connect/ConnectionEnded";

/**
 * "Connected.", said once, on the return from Coinbase. The `connected=1` that asks for it
 * leaves the address as soon as it is shown, so a reload, a bookmark or Back to this page
 * days later does not announce a connection again. Shown, it takes the focus, and the page
 * scrolls to it: the Coinbase part of /account comes after the history, which on a phone can
 * be screens long, and the user came back to see what they just connected. The app's other
 * tabs hear of it (a /connect still saying "Disconnected").
 */
export function ConnectedNotice() {
  const notice = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has("connected")) return;
    url.searchParams.delete("connected");
    window.history.replaceState(window.history.state, "", url);
    announceConnectionMade();
    notice.current?.focus({ preventScroll: true });
    notice.current?.scrollIntoView({ block: "start" });
  }, []);
  return (
    <p
      ref={notice}
      role="status"
      tabIndex={-1}
      className="scroll-mt-4 rounded-lg bg-emerald-50 p-3 text-emerald-900"
    >
      Connected.
    </p>
  );
}
