import Link from "next/link";
import { describeLimits, type GuestLimits } from "@/lib/guest/limits";

/** The user's guest limits as Coinbase states them, shown before any order. */
export function LimitsPanel({
  limits,
  error,
}: {
  limits: GuestLimits | null;
  error: { message: string } | null;
}) {
  return (
    <section
      aria-label="Your guest limits"
      className="rounded-lg border border-slate-200 p-3 text-sm"
    >
      {limits ? (
        <ul>
          {describeLimits(limits).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : error ? (
        <p className="text-red-800">{error.message}</p>
      ) : (
        <p>Checking your limits…</p>
      )}
    </section>
  );
}

/** Guest checkout cannot go on for this user (region, permission, purchases used up). */
export function BlockedNotice({ message }: { message: string }) {
  return (
    <div role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
      <p>{message}</p>
      <Link href="/buy" className="font-medium underline">
        Buy with a Coinbase account instead
      </Link>
    </div>
  );
}
