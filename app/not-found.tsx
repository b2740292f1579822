import { NotFoundContent } from "@/components/layout/NotFoundContent";
import { SiteHeader } from "@/components/layout/SiteHeader";

export const metadata = { title: "Page not found" };

/** Any unknown address: says so, and offers the way on, with the site's navigation. */
export default function NotFound() {
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-3xl px-4 py-16">
        <NotFoundContent />
      </main>
    </>
  );
}
