"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The header's "Sign in": back to the page it was pressed on once signed in, not home. */
export function SignInLink() {
  const pathname = usePathname();
  const next = pathname === "/" || pathname.startsWith("/sign-in") ? "" : pathname;
  return (
    <Link
      href={next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in"}
      className="font-medium text-blue-800 hover:underline"
    >
      Sign in
    </Link>
  );
}
