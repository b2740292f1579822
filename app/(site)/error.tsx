"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { startTransition } from "react";

/**
 * A page that failed on the server, inside the site's header: what happened in plain words
 * and a way on, never Next's bare error screen. The error itself is in the server's log
 * (instrumentation.ts), under the reference shown here.
 */
export default function SiteError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const router = useRouter();
  function retry() {
    // The failure was the server's: render it there again, then this part of the page.
    startTransition(() => {
      router.refresh();
      reset();
    });
  }
  return (
    <section aria-labelledby="error-title" className="space-y-4">
      <h1 id="error-title" className="text-3xl font-semibold">
        This page could not be shown
      </h1>
      <p className="text-slate-700">
        Something went wrong on our side. Nothing you did is lost: try again in a moment.
      </p>
      {error.digest && (
        // The server's log line for this failure carries the same reference (page_error).
        <p className="text-sm text-slate-700">
          If it keeps happening, tell us this reference: <code>{error.digest}</code>
        </p>
      )}
      <p className="flex flex-wrap items-center gap-4">
        <button
          type="button"
          onClick={retry}
          className="rounded-full bg-blue-700 px-5 py-2 font-medium text-white hover:bg-blue-800"
        >
          Try again
        </button>
        <Link href="/" className="font-medium text-blue-800 underline">
          Home
        </Link>
      </p>
    </section>
  );
}
