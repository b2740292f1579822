"use client";

import { useEffect, useMemo, useRef, useState, type RefObject } from "react";
import { LOAD_FAILED } from "@/components/shared/load-once";
import { LocalTime } from "@/components/shared/LocalTime";
import { postJson, UNREACHABLE } from "@/components/shared/post-json";
import { expectedUserHeaders } from "@/lib/auth/expected-user";
import { useWindowEvent } from "@/components/shared/use-window-event";
import { isLoopbackHost } from "@/lib/http/loopback";
import type { Handoff } from "@/lib/ramp/handoff";
import type { Side } from "@/lib/ramp/options";
import { HandoffStatusLine } from "./HandoffStatusLine";
import { useHandoffState } from "./use-handoff-state";
import { ScriptButton } from "@/components/shared/ScriptButton";
import { useSessionDraft } from "@/components/shared/session-draft";
import {
  REVOKE_AGAIN_MS,
  isUnconfirmed,
  keptLinkOf,
  notEndedMessage,
  revokeLink,
  type Made,
} from "./phone-link";

/**
 * "Continue on my phone" (wide screens): a QR code of a one-time link that mints the
 * session token when the user continues on the phone. The SVG comes from our own server. Once the phone
 * has opened it (or it has run out) the code goes, and the panel says where to follow it.
 */
export function HandoffPanel({
  side,
  validate,
  requestKey,
  shownLinkRef,
  pageUser,
  onSignInNeeded,
  otherAccount,
  onOtherAccount,
  formBusy,
  onBusyChange,
}: {
  side: Side;
  /** The form's request as a string: a link made for other values is taken off the screen. */
  requestKey: string;
  /** The status id of the link on screen, for the form to end when it buys the same itself. */
  shownLinkRef: RefObject<string | null>;
  validate: () => Promise<Record<string, unknown> | null>;
  /** The user the page was shown for: the link is made for them only (null: signed out, and
   *  this is called instead). */
  pageUser: string | null;
  onSignInNeeded: () => void;
  /** Another account signed in since the page loaded: no link is made for it from here. */
  otherAccount: boolean;
  /** Called when a check of the link finds that (HandoffStatusLine.tsx says so). */
  onOtherAccount: () => void;
  /** The form is going on to Coinbase itself: no link is made meanwhile (it would buy again). */
  formBusy: boolean;
  /** Told while a link is being made, for the form to wait as well. */
  onBusyChange: (busy: boolean) => void;
}) {
  const [made, setMade] = useState<Made | null>(null);
  // A link opens the request it was made for: once the form changes, it would open the old one.
  // (One brought back by the page loading again is never shown again: its code is not kept.)
  const stale =
    made !== null && (made.restored || made.forKey !== requestKey || made.revoked !== undefined);
  const handoff = made && !stale ? made.handoff : null;
  // The link kept in this tab while it may work: a reload (or Back to a page the browser did
  // not keep) loses the panel, and the link must not go on working unseen. The page loaded
  // again ends it (or, opened by the phone meanwhile, follows that): its code is not shown again.
  const keptLink = useMemo(
    () =>
      made &&
      (made.revoked === undefined || isUnconfirmed(made.revoked) || made.revoked === "opened")
        ? { handoff: { ...made.handoff, qrSvg: "" }, forKey: made.forKey }
        : null,
    [made],
  );
  useSessionDraft(
    `phone-link:${side}`,
    keptLink,
    (kept) => setMade(kept && { ...kept, restored: true }),
    keptLinkOf,
  );
  // So the link stops working as its code leaves the screen: a phone could otherwise still buy
  // what the form no longer says, and the link made next buy it again. Not known to be ended
  // (the connection dropped, the store did not answer): asked again in a moment, while it lives.
  const unconfirmed = isUnconfirmed(made?.revoked);
  useEffect(() => {
    if (!stale || (made.revoked !== undefined && !isUnconfirmed(made.revoked))) return;
    const { statusId, expiresAt } = made.handoff;
    const revoke = () =>
      void revokeLink(statusId).then((revoked) =>
        setMade((m) => (m?.handoff.statusId === statusId ? { ...m, revoked } : m)),
      );
    if (!unconfirmed) return revoke();
    if (Date.parse(expiresAt) <= Date.now()) return;
    const timer = setTimeout(revoke, REVOKE_AGAIN_MS);
    return () => clearTimeout(timer);
  }, [stale, made, unconfirmed]);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // "Could not reach the server" was about the last press: it goes once the server answers a
  // check again (asked at once when the browser is back online), or then, with none to ask.
  const withoutConnectionError = () => setError((e) => (e === UNREACHABLE ? null : e));
  // The form changed as the phone was opening the link: followed still, for should that opening
  // fail, the link is revoked, and the panel must not go on saying it was opened.
  const openingAsChanged = made?.revoked === "opened";
  // Followed too while its end is unconfirmed: the phone may still open it.
  const followed = made && (!stale || openingAsChanged || unconfirmed) ? made.handoff : null;
  const followedState = useHandoffState(followed, withoutConnectionError);
  // Revoking the link as the form changed may be first to hear that its user signed out, or
  // another signed in: said as a check would say it, not as a form change.
  const accountChange =
    made?.revoked === "signed-out" || made?.revoked === "other-account" ? made.revoked : null;
  const linkState = accountChange ?? followedState;
  // Opened by the phone for what the form asks now (the page loaded again since, or the form
  // changed and back), that opening not failed: neither Continue here nor a new link buys it
  // a second time.
  const openedAsAsked =
    openingAsChanged &&
    made.forKey === requestKey &&
    (linkState === "opened" || linkState === "waiting");
  const checking = followed !== null && linkState === "waiting";
  useWindowEvent("online", () => {
    if (!checking) withoutConnectionError();
  });
  useEffect(() => {
    // Opened too: Continue here then asks the server, which refuses a second purchase of it.
    // One whose end is unconfirmed too: Continue here must end it first.
    // One being ended (the form changed a moment ago, or the page was loaded again) too.
    // One the phone opened for what the form asks now (the page loaded again since, say) too.
    const live = linkState === "waiting" || linkState === "opened";
    const ending = stale && made.revoked === undefined;
    const link = handoff ?? (unconfirmed || ending || openedAsAsked ? made.handoff : null);
    shownLinkRef.current = link && (live || ending || openedAsAsked) ? link.statusId : null;
  }, [shownLinkRef, handoff, unconfirmed, made, stale, openedAsAsked, linkState]);
  useEffect(() => {
    if (linkState === "other-account") onOtherAccount();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [linkState]);

  // One link at a time: two presses in a row (while the form's checks load, say) would each
  // make one, and the first would go on working unseen.
  const creating = useRef(false);
  async function create() {
    if (creating.current || formBusy) return;
    creating.current = true;
    onBusyChange(true);
    try {
      await makeLink();
    } catch {
      // The form's checks could not be fetched (the connection dropped): nothing was made.
      setError(LOAD_FAILED);
      setPending(false);
    } finally {
      creating.current = false;
      onBusyChange(false);
    }
  }

  async function makeLink() {
    const request = await validate();
    if (!request) return;
    if (pageUser === null) return onSignInNeeded();
    setPending(true);
    setError(null);
    // The link on screen stops working before a new one is made: a phone that scanned it could
    // otherwise still buy, unseen, beside the new link. Opened already: that one is followed.
    // Not known to be ended: no new link beside it.
    const shown =
      made && (made.revoked === undefined || unconfirmed) ? made.handoff.statusId : null;
    const ended = shown ? await revokeLink(shown) : null;
    if (ended === "opened" || openedAsAsked) return setPending(false);
    const notEnded = notEndedMessage(ended);
    if (notEnded) {
      setError(notEnded);
      return setPending(false);
    }
    const result = await postJson<Handoff>("/api/handoff", { side, request }, "url", {
      headers: expectedUserHeaders(pageUser),
    });
    if (result.ok) setMade({ handoff: result.data, forKey: requestKey });
    else if (result.status === 401) return onSignInNeeded();
    else if (result.status === 409) onOtherAccount();
    else setError(result.message);
    setPending(false);
  }

  return (
    <div className="hidden space-y-3 lg:block">
      <ScriptButton
        onClick={create}
        disabled={pending || otherAccount || formBusy}
        className="rounded-full border border-slate-400 px-4 py-2 text-sm font-medium hover:bg-slate-100 disabled:opacity-70"
      >
        {pending ? "Creating link…" : "Continue on my phone"}
      </ScriptButton>
      {/* Both lines are always there, so screen readers announce what comes into them. */}
      <div className="text-sm">
        <p aria-live="polite" className="text-red-700">
          {error ??
            (stale && !openingAsChanged && !accountChange && !made.restored
              ? "The form changed: make a new link for these values."
              : null)}
        </p>
        <p role="status">
          <HandoffStatusLine
            side={side}
            linkState={linkState}
            openingAsChanged={openingAsChanged}
          />
          {/* The code below is an image: a screen reader hears that it came. */}
          {handoff && linkState === "waiting" && (
            <span className="sr-only">A QR code for your phone is below.</span>
          )}
        </p>
      </div>
      {handoff && linkState === "waiting" && (
        <div
          className="flex items-start gap-4 rounded-lg border border-slate-200 p-3"
          data-testid="handoff"
        >
          <div
            className="h-40 w-40 shrink-0"
            role="img"
            aria-label="QR code of the phone link"
            dangerouslySetInnerHTML={{ __html: handoff.qrSvg }}
          />
          <div className="space-y-1 text-sm">
            <p>
              Scan with your phone to continue there. The link works once, until{" "}
              <LocalTime iso={handoff.expiresAt} part="time" />.
            </p>
            <p className="break-all font-mono text-xs" data-testid="handoff-url">
              {handoff.url}
            </p>
            {/* A link to this computer (`npm run dev` as it comes) opens here only. */}
            {isLoopbackHost(new URL(handoff.url).hostname) && (
              <p className="text-xs text-amber-900">
                This link names this computer (localhost): a phone cannot open it. To try it on a
                phone, set APP_URL to this computer&apos;s address on your network.
              </p>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
