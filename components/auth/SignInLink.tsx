"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";

const CLASS_NAME = "font-medium whitespace-nowrap text-blue-800 hover:underline";

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
