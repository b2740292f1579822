"use client";

import Link from "next/link";
import type { Side } from "@/lib/ramp/options";
import type { ShownLinkState } from "./use-handoff-state";

/**
 * What the phone panel (HandoffPanel.tsx) says of its link, in its status line: opened, run
 * out, ended, or why this page can follow it no more. `openingAsChanged`: the form changed
 * while the phone was opening the link (the DELETE answered "opened"), so "waiting" means that
 * opening is still under way, and "revoked" that it failed.
 */
export function HandoffStatusLine({
  side,
  linkState,
  openingAsChanged,
}: {
  side: Side;
  linkState: ShownLinkState;
  openingAsChanged: boolean;
}) {
  if (linkState === "opened" || (openingAsChanged && linkState === "waiting"))
    return (
      <>
        Opened on your phone: finish there.{" "}
        <Link href={`/${side}/complete`} className="font-medium text-blue-800 underline">
          See how it went
        </Link>{" "}
        on this computer.
      </>
    );
  if (linkState === "expired") return "That link has run out: make a new one.";
  // The phone's opening failed, and the form had changed meanwhile: the link is revoked.
  if (linkState === "revoked" && openingAsChanged)
    return "Your phone could not open that link, and it no longer works: make a new one for these values, or continue here.";
  // Ended elsewhere: its user signed out on another computer, say.
  if (linkState === "revoked") return "That link no longer works: make a new one.";
  // Signed out in another tab, say: that ended the link, and the form stays as typed.
  if (linkState === "signed-out")
    return (
      <>
        You are signed out, so this link no longer works.{" "}
        <Link
          href={`/sign-in?next=${encodeURIComponent(`/${side}`)}`}
          className="font-medium text-blue-800 underline"
        >
          Sign in again
        </Link>{" "}
        to make a new one: this form stays as it is.
      </>
    );
  // Signed out and in as someone else in another tab: this page still speaks for the last
  // account (its reference in the preview, say). Reloaded, it is the new one's, and the last
  // one's draft is forgotten (ClaimTabDrafts.tsx): the form starts afresh.
  if (linkState === "other-account")
    return (
      <>
        Another account is signed in now, so this link no longer works.{" "}
        <button
          type="button"
          onClick={() => window.location.reload()}
          className="font-medium text-blue-800 underline"
        >
          Reload the page
        </button>{" "}
        to start afresh as that account.
      </>
    );
  return null;
}
