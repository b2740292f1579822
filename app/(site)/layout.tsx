import type { ReactNode } from "react";
import { ModeBanner } from "@/components/layout/ModeBanner";
import { SiteHeader } from "@/components/layout/SiteHeader";
import { SkipLink } from "@/components/shared/SkipLink";

export default function SiteLayout({ children }: { children: ReactNode }) {
  return (
    <>
      {/* The first Tab: past the banner and the header's links, straight to the page. */}
      <SkipLink
        to="main"
        className="sr-only rounded bg-white px-3 py-2 font-medium text-blue-800 focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50"
      >
        Skip to content
      </SkipLink>
      <ModeBanner />
      <SiteHeader />
      <main id="main" tabIndex={-1} className="mx-auto max-w-3xl px-4 py-8 outline-none">
        {children}
      </main>
    </>
  );
}
