import { ORDER_ID } from "@/lib/ramp/return-order";

/**
 * The account page's history, a page at a time: `/account?after=<id>` lists what comes after
 * that row, newest first. Links land on the history's heading, not the top of the page.
 */
const AFTER_PARAM = "after";

export const NEWEST_HREF = "/account#history-title";

export function olderHref(lastShownId: string): string {
  return `/account?${AFTER_PARAM}=${encodeURIComponent(lastShownId)}#history-title`;
}

/** The row the page starts after, or undefined for none or nonsense (the first page). */
export function historyAfter(
  query: Record<string, string | string[] | undefined>,
): string | undefined {
  const raw = query[AFTER_PARAM];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value && ORDER_ID.test(value) ? value : undefined;
}
