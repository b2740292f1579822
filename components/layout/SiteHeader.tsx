import Link from "next/link";
import { Suspense } from "react";
import { SessionRecheck } from "@/components/auth/SessionRecheck";
import { PlainSignInLink, SignInLink } from "@/components/auth/SignInLink";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { getPageUser } from "@/lib/auth/page-user";
import { NavLinks } from "./NavLinks";

/** The site's navigation, and who is signed in (with Sign out) or a Sign in link. */
export async function SiteHeader() {
  const viewer = await getPageUser();
  return (
    <header className="border-b border-slate-200">
      <nav
        aria-label="Main"
        className="mx-auto flex max-w-3xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3"
      >
        <Link href="/" className="font-semibold">
          Ramps reference
        </Link>
        <NavLinks />
        {/* Grows into the rest of the row and shortens a long email rather than wrapping
            under the links; on a phone it takes a row of its own. */}
        <div
          className="flex min-w-48 flex-1 basis-0 items-center justify-end gap-3 text-sm"
          data-testid="signed-in-as"
        >
          {viewer.state === "signed_in" && (
            <>
              <span className="min-w-0 truncate" title={viewer.user.email}>
                <span className="sr-only">Signed in as </span>
                <strong>{viewer.user.email}</strong>
              </span>
              <SignOutButton />
              <SessionRecheck />
            </>
          )}
          {viewer.state === "signed_out" && (
            <Suspense fallback={<PlainSignInLink />}>
              <SignInLink />
            </Suspense>
          )}
          {viewer.state === "unknown" && <span className="text-red-800">Sign-in unavailable</span>}
        </div>
      </nav>
    </header>
  );
}
