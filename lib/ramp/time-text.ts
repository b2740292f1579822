/**
 * Moments as people read them, the same on every page: "Dec 3, 2026, 5:15 AM UTC", or
 * "5:15 AM UTC" for a time within the hour. Always with its time zone named, so a reader
 * in another zone is never misled. Browser-safe.
 */
export function timeText(iso: string, timeZone: string, part: "date-time" | "time" = "date-time") {
  const moment = new Date(iso);
  if (Number.isNaN(moment.getTime())) return iso;
  const date =
    part === "date-time" ? ({ year: "numeric", month: "short", day: "numeric" } as const) : {};
  return new Intl.DateTimeFormat("en-US", {
    ...date,
    hour: "numeric",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(moment);
}
