import { idInQuery, type PageQuery } from "@/lib/ramp/return-order";

/**
 * The account page's history, a page at a time: `/account?after=<id>` lists what comes after
 * that row, newest first. Links land on the history's heading (HistoryPageLink.tsx).
 */
const AFTER_PARAM = "after";

export const NEWEST_HREF = "/account";

export function olderHref(lastShownId: string): string {
  return `/account?${AFTER_PARAM}=${encodeURIComponent(lastShownId)}`;
}

/** The page before this one: it starts after `newerAfter`, or is the newest when none. */
export const newerHref = (newerAfter: string | undefined) =>
  newerAfter ? olderHref(newerAfter) : NEWEST_HREF;

/** The row the page starts after, or undefined for none or nonsense (the first page). */
export const historyAfter = (query: PageQuery) => idInQuery(query, AFTER_PARAM);
