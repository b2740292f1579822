"use client";

import Link from "next/link";
import { useEffect, useRef, type ReactNode } from "react";

/**
 * "Older" and "Newest": another page of the history, landing on its heading, which takes the
 * focus (a screen reader hears which list it is on). Not by a `#history-title` fragment: the
 * router scrolls to a fragment on Back too, so a reader who opened a row far down the page came
 * back to the heading, not to the row. Only a page opened by these links lands there; Back and
 * Forward keep the place the browser kept.
 */
let pagedByLink = false;

/**
 * Back to a page left by one of these links lands on that link, focused. The browser's own
 * place for the page is no use: it is kept once the next page, one row long, has replaced it,
 * so it is the top. The link pressed is noted in the page's own history entry, which Back
 * returns to (and a reload keeps), and forgotten once used.
 */
const LEFT_BY = "historyLeftBy";

function noteLeftBy(href: string) {
  window.history.replaceState({ ...window.history.state, [LEFT_BY]: href }, "");
}

function cameBackBy(href: string): boolean {
  const { [LEFT_BY]: leftBy, ...state } = window.history.state ?? {};
  if (leftBy !== href) return false;
  window.history.replaceState(state, "");
  return true;
}

export function HistoryPageLink({
  href,
  className,
  children,
}: {
  href: string;
  className: string;
  children: ReactNode;
}) {
  const link = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (!cameBackBy(href)) return;
    link.current?.focus({ preventScroll: true });
    link.current?.scrollIntoView({ block: "center" });
  }, [href]);
  return (
    <Link
      ref={link}
      href={href}
      scroll={false}
      // A plain click only: one that opens a new tab leaves this page where it is.
      onClick={(event) => {
        pagedByLink =
          event.button === 0 &&
          !event.metaKey &&
          !event.ctrlKey &&
          !event.shiftKey &&
          !event.altKey;
        if (pagedByLink) noteLeftBy(href);
      }}
      className={className}
    >
      {children}
    </Link>
  );
}

/** The history's heading, where a page opened by `HistoryPageLink` lands. */
export function HistoryHeading({ page, children }: { page: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!pagedByLink) return;
    pagedByLink = false;
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: "start" });
  }, [page]);
  return (
    <h2 ref={heading} id="history-title" tabIndex={-1} className="text-2xl font-semibold">
      {children}
    </h2>
  );
}
