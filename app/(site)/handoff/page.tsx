import Link from "next/link";

export const metadata = { title: "Phone link" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const OUTCOMES = {
  used: {
    title: "This link was already used",
    text: "Each phone link works once. Start again to get a fresh one.",
  },
  expired: {
    title: "This link has expired",
    text: "Phone links work for 10 minutes. Start again to get a fresh one.",
  },
  unavailable: {
    title: "Phone links are unavailable for a moment",
    text: "This app could not check the link just now. Try it again shortly, or start again to get a fresh one.",
  },
};

/** Where a phone link lands when it cannot be opened: used, expired, or not checkable now. */
export default async function HandoffPage({ searchParams }: Props) {
  const link = (await searchParams).link;
  const outcome = link === "used" || link === "unavailable" ? OUTCOMES[link] : OUTCOMES.expired;
  return (
    <section className="space-y-3" aria-labelledby="handoff-title">
      <h1 id="handoff-title" className="text-3xl font-semibold">
        {outcome.title}
      </h1>
      <p>{outcome.text}</p>
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
