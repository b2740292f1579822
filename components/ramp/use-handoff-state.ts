"use client";

import { useEffect, useState } from "react";
import type { Handoff, HandoffState } from "@/lib/ramp/handoff";

const CHECK_EVERY_MS = 3000;

/**
 * Whether the phone has opened the link yet, asked every 3 s while this tab is in view, until
 * it has or the link has run out. The server says when: this computer's clock may be off. A
 * check that fails changes nothing: the next one may answer.
 */
export function useHandoffState(handoff: Handoff | null): HandoffState {
  const [seen, setSeen] = useState<{ url: string; state: HandoffState } | null>(null);

  useEffect(() => {
    if (!handoff) return;
    const id = new URL(handoff.url).pathname.split("/").pop();
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = (state: HandoffState) => setSeen({ url: handoff.url, state });

    async function check() {
      if (document.visibilityState === "visible") {
        try {
          const response = await fetch(`/api/handoff/${id}`, { cache: "no-store" });
          // Signed out meanwhile, say: asking again would not change that. The link still works.
          if (stopped || (response.status < 500 && ![200, 429].includes(response.status))) return;
          const body = response.ok ? ((await response.json()) as { state: HandoffState }) : null;
          if (stopped) return;
          if (body && body.state !== "waiting") return settle(body.state);
        } catch {
          if (stopped) return;
        }
      }
      timer = setTimeout(check, CHECK_EVERY_MS);
    }

    timer = setTimeout(check, CHECK_EVERY_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [handoff]);

  return handoff && seen?.url === handoff.url ? seen.state : "waiting";
}
