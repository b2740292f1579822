import Link from "next/link";
import { Suspense } from "react";
import { ClaimTabDrafts } from "@/components/auth/ClaimTabDrafts";
import { SessionRecheck } from "@/components/auth/SessionRecheck";
import { PlainSignInLink, SignInLink } from "@/components/auth/SignInLink";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { HeaderViewer } from "@/components/auth/ViewerCheck";
import { getPageUser, viewerOf } from "@/lib/auth/page-user";
import { NavLinks } from "./NavLinks";

/** The site's navigation, and who is signed in (with Sign out) or a Sign in link. */
export async function SiteHeader() {
  const viewer = await getPageUser();
  return (
    <header className="border-b border-slate-200">
      <nav
        aria-label="Main"
        className="mx-auto flex max-w-3xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3 sm:gap-x-6"
      >
        {/* On a phone the name is cut to "Ramps" (read out whole) so the header keeps one row. */}
        <Link href="/" className="font-semibold whitespace-nowrap">
          Ramps<span className="max-sm:sr-only"> reference</span>
        </Link>
        <NavLinks />
        {/* Grows into the rest of the row and shortens a long email rather than wrapping
            under the links. On a phone only Sign in / Sign out fits beside them: the email is
            there for screen readers, and on /account for eyes. On the narrowest phones (320 px)
            even that does not fit: never narrower than its button, it goes to a row of its own
            rather than over the links. */}
        <div
          className="flex min-w-fit flex-1 basis-0 items-center justify-end gap-3 text-sm sm:min-w-48"
          data-testid="signed-in-as"
        >
          <HeaderViewer viewer={viewerOf(viewer)} />
          {/* Signed in or not: Back may bring a page shown for whoever was signed in then. */}
          <SessionRecheck />
          {viewer.state === "signed_in" && (
            <>
              <span className="min-w-0 truncate max-sm:sr-only" title={viewer.user.email}>
                <span className="sr-only">Signed in as </span>
                <strong>{viewer.user.email}</strong>
              </span>
              <SignOutButton />
              <ClaimTabDrafts email={viewer.user.email} />
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
