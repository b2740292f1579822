"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { announceToOtherTabs, onAnnouncedByOtherTab } from "@/components/shared/tab-announcement";

/**
 * A Coinbase connection ended in one tab (Disconnect) ends in the app's other tabs at once: an
 * /account left open would otherwise show the account, its balances and the send form until
 * Send was refused. (A sign-out, which ends it too, reloads them already: ViewerCheck.tsx.) A
 * connection made is said too, for a /connect that showed it ended.
 */
const KEY = "ramp.connection-ended";

/** Rendered on the page a Disconnect lands on: the other tabs hear of it. */
export function ConnectionEndedHere() {
  useEffect(() => announceToOtherTabs(KEY, ENDED), []);
  return null;
}

/** Said once a connection is made (back from Coinbase): a /connect that showed it ended hears. */
export function announceConnectionMade(): void {
  announceToOtherTabs(KEY, MADE);
}

/**
 * Rendered on /connect while not connected (a Disconnect's page, say): a connection made in
 * another tab shows here as made, not as still ended, and the form knows it would replace it.
 */
export function ShowConnectionMadeElsewhere() {
  const router = useRouter();
  useEffect(
    () => onAnnouncedByOtherTab(KEY, (what) => what === MADE && router.replace("/connect")),
    [router],
  );
  return null;
}

const ENDED = "disconnected";
const MADE = "connected";

/** Rendered beside a connected account: shown again, from the server, once it has ended (or
 * another connection took its place). */
export function RefreshWhenConnectionEnds() {
  const router = useRouter();
  useEffect(() => onAnnouncedByOtherTab(KEY, () => router.refresh()), [router]);
  return null;
}

/**
 * Rendered on /connect while connected: once ended elsewhere, the page says so instead of
 * "You are already connected" (or a grant to add to), and the form makes a new connection.
 */
export function ConnectAnewWhenConnectionEnds() {
  const router = useRouter();
  useEffect(
    () => onAnnouncedByOtherTab(KEY, (what) => what === ENDED && router.replace(ENDED_ELSEWHERE)),
    [router],
  );
  return null;
}

/** Where /connect says the connection ended in another tab. */
const ENDED_ELSEWHERE = "/connect?disconnected=elsewhere";
