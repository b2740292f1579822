import Link from "next/link";

/** What a 404 says, inside whatever header and `<main>` its page has: the way on, too. */
export function NotFoundContent() {
  return (
    <div className="space-y-4">
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
    </div>
  );
}
