"use client";

import { useSyncExternalStore } from "react";
import { timeText } from "@/lib/ramp/time-text";

const noChanges = () => () => {};
const readersZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const serversZone = () => "UTC";

/**
 * A moment in the reader's own time zone, named ("Dec 3, 2026, 12:15 AM EST"). The server
 * cannot know that zone: what it renders says UTC, and the browser restates it at once.
 */
export function LocalTime({ iso, part }: { iso: string; part?: "date-time" | "time" }) {
  const zone = useSyncExternalStore(noChanges, readersZone, serversZone);
  return <time dateTime={iso}>{timeText(iso, zone, part)}</time>;
}
