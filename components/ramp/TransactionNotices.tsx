import Link from "next/link";
import type { Side } from "@/lib/ramp/options";
import { completionHref } from "@/lib/ramp/return-order";

/** The last check failed: what is shown is the status before it. */
export function LastStatusNotice({
  side,
  order,
  problem,
  signIn,
}: {
  side: Side;
  order?: string;
  problem: string;
  signIn?: boolean;
}) {
  return signIn ? (
    <p role="alert" className="text-sm text-amber-900">
      Your session has ended, so this page has stopped checking: this is the last status we had.{" "}
      <Link
        href={`/sign-in?next=${signInNext(side, order)}`}
        className="font-medium text-blue-800 underline"
      >
        Sign in
      </Link>{" "}
      to follow it again.
    </p>
  ) : (
    <p role="alert" className="text-sm text-amber-900">
      {problem.replace(/\.$/, "")}. This is the last status we had.
    </p>
  );
}

/**
 * The first check was refused for want of a session: nothing to show until the user signs in.
 * Said in the page's status line.
 */
export function SignInToSee({ side, order }: { side: Side; order?: string }) {
  return (
    <>
      <Link
        href={`/sign-in?next=${signInNext(side, order)}`}
        className="font-medium text-blue-800 underline"
      >
        Sign in
      </Link>{" "}
      to see your {side === "buy" ? "purchases" : "sales"}.
    </>
  );
}

/** Back here after signing in, to the same order. */
function signInNext(side: Side, order: string | undefined): string {
  return order ? encodeURIComponent(completionHref(side, order)) : completionHref(side);
}
