"use client";

import { useEffect, useState } from "react";
import type { Handoff } from "@/lib/ramp/handoff";
import { HANDOFF_CHECK_EVERY_MS as CHECK_EVERY_MS } from "@/lib/ramp/handoff-polling";
import type { HandoffState } from "@/lib/ramp/handoff-status";

// Links live ten minutes. Past this, with no answer from the server, it has surely run out.
const GIVE_UP_AFTER_MS = 15 * 60 * 1000;

/**
 * Whether the phone has opened the link yet, asked every 3 s while this tab is in view, until
 * it has or the link has run out. The server says when (this computer's clock may be off);
 * a check that fails changes nothing: the next one may answer.
 */
export function useHandoffState(handoff: Handoff | null): HandoffState {
  const [seen, setSeen] = useState<{ statusId: string; state: HandoffState } | null>(null);

  useEffect(() => {
    if (!handoff) return;
    const { statusId } = handoff;
    const started = Date.now();
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = (state: HandoffState) => setSeen({ statusId, state });

    async function check() {
      if (Date.now() - started > GIVE_UP_AFTER_MS) return settle("expired");
      if (document.visibilityState === "visible") {
        try {
          const response = await fetch(`/api/handoff/${statusId}`, { cache: "no-store" });
          if (stopped) return;
          // Refused (signed out meanwhile, say): asking again would not change that. The link
          // still works. A 429 or a 5xx may pass.
          const refused =
            response.status >= 400 && response.status < 500 && response.status !== 429;
          if (refused) return;
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

  return handoff && seen?.statusId === handoff.statusId ? seen.state : "waiting";
}
