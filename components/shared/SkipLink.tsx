"use client";

import type { ReactNode } from "react";

/**
 * A link to a part of this page (`to`: an element's id, focusable by `tabIndex={-1}`), which
 * takes the focus. Once the page's script runs it stays off the URL: the entry a browser adds
 * for a `#fragment` has none of the router's state, and Back to it after another page showed
 * that page under this one's address. Before, it is a plain fragment.
 */
export function SkipLink({
  to,
  className,
  children,
}: {
  to: string;
  className: string;
  children: ReactNode;
}) {
  return (
    <a
      href={`#${to}`}
      onClick={(event) => {
        const target = document.getElementById(to);
        if (!target) return;
        event.preventDefault();
        target.focus({ preventScroll: true });
        target.scrollIntoView({ block: "start" });
      }}
      className={className}
    >
      {children}
    </a>
  );
}
