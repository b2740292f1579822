import Link from "next/link";
import { withViewerCheck } from "@/components/auth/PageViewerCheck";
import { tryAgainPath } from "@/lib/ramp/handoff";

export const metadata = { title: "Phone link" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const OUTCOMES = {
  used: {
    title: "This link was already used",
    text: "Each phone link works once. Start again to get a fresh one.",
  },
  replaced: {
    title: "This link was ended on your computer",
    text: "The form it was made from changed, or its page was loaded again. Make a new link there, or start again here.",
  },
  continued: {
    title: "You already went on from your computer",
    text: "The computer this link came from went on to Coinbase with the same details, so the link no longer works and nothing happens twice. Finish there, or start again here.",
  },
  ended: {
    title: "This link no longer works",
    text: "Whoever made it signed out on the computer it came from, which ends its phone links. Sign in there and start again to get a fresh one.",
  },
  expired: {
    title: "This link has expired",
    text: "Phone links work for 10 minutes. Start again to get a fresh one.",
  },
  unknown: {
    title: "This phone link cannot be opened",
    text: "It may have been cut short: open the whole link, or start again to get a fresh one.",
  },
  retry: {
    title: "Coinbase did not answer just now",
    text: "Nothing was bought or sold, and the link still works: open it again in a moment.",
  },
  busy: {
    title: "Too many tries just now",
    text: "Nothing was bought or sold, and the link still works: wait a minute, then open it again.",
  },
  failed: {
    title: "This link could not be opened just now",
    text: "Nothing was bought or sold, and the link still works: open it again in a moment.",
  },
  refused: {
    title: "Coinbase could not start this",
    text: "Nothing was bought or sold. Start again on your computer and check the details.",
  },
  lost: {
    title: "This link can no longer be opened",
    text: "Opening it failed on the way, and the link could not be kept for another try. Nothing was bought or sold: start again to get a fresh one.",
  },
  unavailable: {
    title: "Phone links are unavailable for a moment",
    text: "This app could not check the link just now. Try it again shortly, or start again to get a fresh one.",
  },
};

/** Where a phone link lands when it cannot be opened: used, expired, not one of ours, not checkable now, or Coinbase failed. */
async function HandoffPage({ searchParams }: Props) {
  const { link, side, id } = await searchParams;
  const again = tryAgainPath(link, id);
  const outcome =
    typeof link === "string" && Object.hasOwn(OUTCOMES, link)
      ? OUTCOMES[link as keyof typeof OUTCOMES]
      : OUTCOMES.unknown;
  return (
    <section className="space-y-3" aria-labelledby="handoff-title">
      <h1 id="handoff-title" className="text-3xl font-semibold">
        {outcome.title}
      </h1>
      <p>{outcome.text}</p>
      {/* Used, most often by this phone (Back from Coinbase's page): the order it started. */}
      {link === "used" && (side === "buy" || side === "sell") && (
        <p>
          Opened it on this phone?{" "}
          <Link href={`/${side}/complete`} className="font-medium text-blue-800 underline">
            {side === "buy" ? "See how your purchase went" : "See how your sale went"}
          </Link>
        </p>
      )}
      {/* Not used up (Coinbase or this app failed for a moment): back to the link's own page. */}
      {again && (
        <p>
          <Link href={again} className="font-medium text-blue-800 underline">
            Try the link again
          </Link>
        </p>
      )}
      <p className="flex gap-4">
        <Link href="/buy" className="font-medium text-blue-800 underline">
          Buy
        </Link>
        <Link href="/sell" className="font-medium text-blue-800 underline">
          Sell
        </Link>
      </p>
    </section>
  );
}

export default withViewerCheck(HandoffPage);
