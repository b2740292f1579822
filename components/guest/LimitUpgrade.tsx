"use client";

import { useEffect, useRef, useState } from "react";
import { expectedUserHeaders } from "@/lib/auth/expected-user";
import type { GuestLimits } from "@/lib/guest/limits";
import {
  upgradeOffered,
  upgradeOfferText,
  type LimitUpgradeLink,
  type UpgradeStatus,
} from "@/lib/guest/limit-upgrade";
import type { Prefill } from "@/lib/guest/prefill";
import { nextWatchDelay } from "@/lib/guest/watch-schedule";
import { useOneAtATime } from "@/components/shared/use-one-at-a-time";
import { guestApi, VERIFY_AGAIN_CODES } from "./guest-api";
import { BlockedNotice } from "./LimitsPanel";

/**
 * Coinbase's offer to raise the user's limits, and its hosted page framed here (embedded
 * mode: the SSN digits and date of birth are typed into Coinbase's page, never into ours).
 * That page tells us nothing: while it is open, and while Coinbase reviews, the limits are
 * asked for again, and their upgrade status says how it went.
 */
const CHECK_EVERY_MS = 3000;

const FRAME_BOX = "h-96 w-full rounded-lg border border-slate-200 bg-white";

export function LimitUpgrade({
  pageUser,
  limits,
  reload,
  blocking,
  purchase,
  onVerifyAgain,
}: {
  pageUser: string;
  limits: GuestLimits;
  reload: () => Promise<void>;
  /** The limits are what stops the purchase as typed: a refusal is said with its way out. */
  blocking: boolean;
  purchase: Prefill;
  onVerifyAgain: (message: string, code: string) => void;
}) {
  const upgrade = limits.upgrade;
  const status = upgrade?.status;
  // The hosted page, and the status it was opened from: a change from that is its outcome.
  // `closesAt` is by this browser's clock: when the link runs out, as the server counted it.
  const [frame, setFrame] = useState<{ url: string; closesAt?: number; from?: UpgradeStatus }>();
  // The page whose link ran out, once the limits were looked at one last time.
  const [expired, setExpired] = useState<typeof frame>();
  const [timedOut, setTimedOut] = useState(false);
  const [error, setError] = useState<string>();
  const [settledHere, setSettledHere] = useState<UpgradeStatus>();
  const [seen, setSeen] = useState(status);
  const { busy, run } = useOneAtATime();
  const frameRef = useRef<HTMLIFrameElement>(null);
  const timedOutRef = useRef<HTMLParagraphElement>(null);
  // Closed by the user: the Close button is gone with the frame, so the focus goes back to the
  // button that opened it, not to the top of the page.
  const openButtonRef = useRef<HTMLButtonElement>(null);
  const [closed, setClosed] = useState(0);
  // Decided with Coinbase's page open: the page (and the focus, if it was in it) goes, so the
  // focus goes to what Coinbase decided, or to the offer made again. Not from where the user went
  // meanwhile (a review may take minutes): the decision is a status, read out there.
  const [decidedInFrame, setDecidedInFrame] = useState(0);
  const raisedRef = useRef<HTMLParagraphElement>(null);
  const blockedRef = useRef<HTMLDivElement>(null);

  // Coinbase decided (after a review seen here, or since the page was opened): the page has
  // done its part, and a second submission would be refused.
  if (seen !== status) {
    setSeen(status);
    setTimedOut(false);
    const decided =
      status !== "pending" && (seen === "pending" || (frame && status !== frame.from));
    if (decided) {
      if (frame) setDecidedInFrame((n) => n + 1);
      setFrame(undefined);
      setSettledHere(status);
    }
  } else if (frame && expired === frame && status !== "pending") {
    // Its link ran out with nothing sent (and nothing decided): the page would refuse them.
    setFrame(undefined);
    setTimedOut(true);
  }

  // Coinbase's page open and nothing sent yet: every 3 s, for its few minutes, so that details
  // sent show at once. A review under way, the page open or closed, may take Coinbase long:
  // asked less and less often, as an order is watched (each ask is a look-up, limited per
  // address), and not while the tab is hidden.
  const reviewing = status === "pending";
  const filling = frame !== undefined && !reviewing;
  useEffect(() => {
    if (!filling) return;
    const timer = setInterval(() => void reload(), CHECK_EVERY_MS);
    return () => clearInterval(timer);
  }, [filling, reload]);
  useEffect(() => {
    if (!reviewing) return;
    return watchWhileVisible(reload);
  }, [reviewing, reload]);

  // Coinbase's link is good for 5 minutes. Details sent just before then may not be seen yet:
  // the limits are looked at one last time before the page is closed.
  useEffect(() => {
    if (!frame?.closesAt || reviewing) return;
    const left = Math.max(0, frame.closesAt - Date.now());
    const timer = setTimeout(() => void reload().then(() => setExpired(frame)), left);
    return () => clearTimeout(timer);
  }, [frame, reviewing, reload]);

  // The button pressed is gone once the page is open: the focus goes to the page instead.
  useEffect(() => {
    if (frame) frameRef.current?.focus();
  }, [frame]);
  useEffect(() => {
    if (timedOut) timedOutRef.current?.focus();
  }, [timedOut]);
  useEffect(() => {
    if (closed) openButtonRef.current?.focus();
  }, [closed]);
  useEffect(() => {
    if (!decidedInFrame) return;
    const focusLost = !document.activeElement || document.activeElement === document.body;
    if (focusLost) (raisedRef.current ?? blockedRef.current ?? openButtonRef.current)?.focus();
  }, [decidedInFrame]);

  async function openPage() {
    setError(undefined);
    setTimedOut(false);
    const result = await guestApi<LimitUpgradeLink>(
      "/api/guest/limits/upgrade",
      {},
      // Another account signed in since this page loaded: refused (409), not asked for it.
      { headers: expectedUserHeaders(pageUser) },
    );
    if (result.ok) {
      const { upgradeUrl, expiresInSeconds } = result.data;
      const closesAt =
        expiresInSeconds === undefined ? undefined : Date.now() + expiresInSeconds * 1000;
      setFrame({ url: upgradeUrl, closesAt, from: status });
    } else if (VERIFY_AGAIN_CODES.has(result.code)) onVerifyAgain(result.message, result.code);
    else setError(result.message);
  }

  if (!upgrade) return null;
  return (
    <div className="space-y-2 text-sm">
      {status === "active" && settledHere === "active" && (
        <p
          ref={raisedRef}
          tabIndex={-1}
          role="status"
          className="rounded-lg bg-green-50 p-3 text-green-900"
        >
          Coinbase raised your limits.
        </p>
      )}
      {status === "pending" && (
        <p role="status" className="rounded-lg bg-blue-50 p-3 text-blue-900">
          Coinbase is reviewing your details: your limits rise once it approves.
        </p>
      )}
      {status === "inactive" && (settledHere === "inactive" || blocking) && (
        <BlockedNotice
          ref={blockedRef}
          message="Coinbase could not raise your limits."
          purchase={purchase}
        />
      )}
      {timedOut && (
        <p ref={timedOutRef} tabIndex={-1} className="rounded-lg bg-amber-50 p-3 text-amber-900">
          Coinbase&apos;s page timed out before your details were sent. Open it again to continue.
        </p>
      )}
      {upgradeOffered(upgrade) && !frame && (
        <div className="space-y-2">
          {status === "resubmit" && <p>Coinbase needs some of your details again.</p>}
          <p>{upgradeOfferText(upgrade)}</p>
          <button
            ref={openButtonRef}
            type="button"
            onClick={() => void run(openPage)}
            disabled={busy}
            className="rounded-full border border-slate-400 px-3 py-1 text-sm"
          >
            {busy ? "Opening Coinbase…" : "Raise my limits"}
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="text-red-800">
          {error}
        </p>
      )}
      {frame && (
        <section aria-label="Raise your limits with Coinbase" className="space-y-2">
          <iframe
            ref={frameRef}
            src={frame.url}
            title="Coinbase: raise your limits"
            className={FRAME_BOX}
          />
          <button
            type="button"
            onClick={() => {
              setFrame(undefined);
              setClosed((n) => n + 1);
            }}
            className="font-medium text-blue-800 underline"
          >
            Close
          </button>
        </section>
      )}
    </div>
  );
}

/** Calls `ask` with an order watch's growing waits while the tab is shown, and at once when it is shown again. */
function watchWhileVisible(ask: () => Promise<void>): () => void {
  let stopped = false;
  let unchanged = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  function next() {
    clearTimeout(timer);
    if (stopped || document.visibilityState === "hidden") return;
    timer = setTimeout(async () => {
      await ask().catch(() => undefined);
      unchanged += 1;
      next();
    }, nextWatchDelay(unchanged));
  }
  async function onVisible() {
    if (document.visibilityState !== "visible") return;
    unchanged = 0;
    await ask().catch(() => undefined);
    next();
  }
  next();
  document.addEventListener("visibilitychange", onVisible);
  return () => {
    stopped = true;
    clearTimeout(timer);
    document.removeEventListener("visibilitychange", onVisible);
  };
}
