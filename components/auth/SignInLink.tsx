"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";

// As tall as a finger needs (24 px), not only as its text (20 px).
const CLASS_NAME =
  "inline-flex min-h-6 items-center font-medium whitespace-nowrap text-blue-800 hover:underline";

/**
 * The header's "Sign in": back to the page it was pressed on once signed in, its query
 * included (a guest checkout's prefill, say), not home.
 */
export function SignInLink() {
  const pathname = usePathname();
  const query = useSearchParams().toString();
  const here = `${pathname}${query ? `?${query}` : ""}`;
  const next = pathname === "/" || pathname.startsWith("/sign-in") ? "" : here;
  return (
    <Link
      href={next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in"}
      className={CLASS_NAME}
    >
      Sign in
    </Link>
  );
}

/** While the page's query is not known yet (see SiteHeader's Suspense). */
export function PlainSignInLink() {
  return (
    <Link href="/sign-in" className={CLASS_NAME}>
      Sign in
    </Link>
  );
}
