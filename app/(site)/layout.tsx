import type { ReactNode } from "react";
import { ModeBanner } from "@/components/layout/ModeBanner";
import { SiteHeader } from "@/components/layout/SiteHeader";

export default function SiteLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <ModeBanner />
      <SiteHeader />
      <main className="mx-auto max-w-3xl px-4 py-8">{children}</main>
    </>
  );
}
