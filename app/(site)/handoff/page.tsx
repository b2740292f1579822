import Link from "next/link";

export const metadata = { title: "Phone link" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Where a used or expired phone link lands. */
export default async function HandoffPage({ searchParams }: Props) {
  const used = (await searchParams).link === "used";
  return (
    <section className="space-y-3" aria-labelledby="handoff-title">
      <h1 id="handoff-title" className="text-3xl font-semibold">
        {used ? "This link was already used" : "This link has expired"}
      </h1>
      <p>
        {used ? "Each phone link works once." : "Phone links work for 10 minutes."} Start again to
        get a fresh one.
      </p>
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
