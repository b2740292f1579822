import Link from "next/link";
import { SiteHeader } from "@/components/layout/SiteHeader";

export const metadata = { title: "Page not found" };

/** Any unknown address: says so, and offers the way on, with the site's navigation. */
export default function NotFound() {
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-3xl space-y-4 px-4 py-16">
        <p className="text-sm font-medium text-blue-800">404</p>
        <h1 className="text-3xl font-semibold">Page not found</h1>
        <p className="text-slate-700">
          There is nothing at this address. It may have moved, or the link may have a typo.
        </p>
        <ul className="flex flex-wrap gap-4">
          <li>
            <Link href="/" className="font-medium text-blue-800 underline">
              Home
            </Link>
          </li>
          <li>
            <Link href="/buy" className="text-blue-800 underline">
              Buy crypto
            </Link>
          </li>
          <li>
            <Link href="/sell" className="text-blue-800 underline">
              Sell crypto
            </Link>
          </li>
        </ul>
      </main>
    </>
  );
}
