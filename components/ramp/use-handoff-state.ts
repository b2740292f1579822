"use client";

import { useEffect, useRef, useState } from "react";
import type { Handoff } from "@/lib/ramp/handoff";
import { HANDOFF_CHECK_EVERY_MS as CHECK_EVERY_MS } from "@/lib/ramp/handoff-polling";
import type { HandoffState } from "@/lib/ramp/handoff-status";

// Links live ten minutes. Past this, with no answer from the server, it has surely run out.
const GIVE_UP_AFTER_MS = 15 * 60 * 1000;

/**
 * A link as the panel shows it: as the server says, or "signed-out" when the server no longer
 * knows who asks (signed out in another tab, say), which ended the link too (handoff-sign-out.ts),
 * or "other-account" when it is another user who asks (signed out, and someone else in, since).
 */
export type ShownLinkState = HandoffState | AccountChange;

/** This browser's user changed since the link was made: signed out, or another one signed in. */
export type AccountChange = "signed-out" | "other-account";

/**
 * What an answer about the link (its check, or its revocation) says of who asks: a 401, that
 * no one is signed in now; a 404, that someone is whose link it is not (its own user signed
 * out, and another in, since). Null for any other status.
 */
export function accountChangeOf(status: number): AccountChange | null {
  if (status === 401) return "signed-out";
  if (status === 404) return "other-account";
  return null;
}

/**
 * Whether the phone has opened the link yet, asked every 3 s while this tab is in view, until
 * it has or the link has run out. The server says when (this computer's clock may be off);
 * a check that fails changes nothing: the next one may answer. Back online, or shown again
 * from the back/forward cache (its code on screen as it was left, minutes ago), it asks at once.
 * `onAnswer` runs each time the server answered: the connection works.
 */
export function useHandoffState(handoff: Handoff | null, onAnswer: () => void): ShownLinkState {
  const [seen, setSeen] = useState<{ statusId: string; state: ShownLinkState } | null>(null);
  const answered = useRef(onAnswer);
  useEffect(() => {
    answered.current = onAnswer;
  });

  useEffect(() => {
    if (!handoff) return;
    const { statusId } = handoff;
    const started = Date.now();
    let stopped = false;
    let asking = false;
    // Asked for at once while a check was under way (its answer may be from before the page
    // was frozen in the back/forward cache, or the request dropped then): asked once more after.
    let again = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = (state: ShownLinkState) =>
      setSeen((shown) =>
        shown?.statusId === statusId && shown.state === state ? shown : { statusId, state },
      );

    async function check() {
      clearTimeout(timer);
      if (Date.now() - started > GIVE_UP_AFTER_MS) return settle("expired");
      if (document.visibilityState === "visible") {
        asking = true;
        const answer = await askState(statusId);
        asking = false;
        if (stopped || answer === "refused") return;
        if (answer !== "no-answer") {
          answered.current();
          settle(answer);
          if (answer !== "waiting" && !again) return;
        }
      }
      if (again) {
        again = false;
        return void check();
      }
      timer = setTimeout(check, CHECK_EVERY_MS);
    }
    // A check under way answers for now. After a final answer this asks once more, to the same
    // answer but for "signed-out" and "other-account": its own user signed in again since, the
    // link reads revoked (or, were it not ended, waiting again).
    function checkNow() {
      if (asking) again = true;
      else void check();
    }
    function onShown(event: PageTransitionEvent) {
      if (event.persisted) checkNow();
    }

    timer = setTimeout(check, CHECK_EVERY_MS);
    window.addEventListener("online", checkNow);
    window.addEventListener("pageshow", onShown);
    return () => {
      stopped = true;
      clearTimeout(timer);
      window.removeEventListener("online", checkNow);
      window.removeEventListener("pageshow", onShown);
    };
  }, [handoff]);

  return handoff && seen?.statusId === handoff.statusId ? seen.state : "waiting";
}

/**
 * The link's state as the server answers it, or the account change a 401 or 404 says.
 * "no-answer" when there is none to go by (the connection dropped, a 429, a 5xx): the next
 * check may answer. "refused" for any other 4xx: asking again would not change that.
 */
async function askState(statusId: string): Promise<ShownLinkState | "no-answer" | "refused"> {
  try {
    const response = await fetch(`/api/handoff/${statusId}`, { cache: "no-store" });
    const changed = accountChangeOf(response.status);
    if (changed) return changed;
    if (response.ok) return ((await response.json()) as { state: HandoffState }).state;
    return response.status < 500 && response.status !== 429 ? "refused" : "no-answer";
  } catch {
    return "no-answer";
  }
}
