import { CompletionNotice } from "@/components/ramp/CompletionNotice";
import { orderOf } from "@/lib/ramp/return-order";

export const metadata = { title: "Sale" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Where Coinbase sends the user back; `?order=` names the order they went through. */
export default async function SellCompletePage({ searchParams }: Props) {
  return <CompletionNotice side="sell" order={orderOf(await searchParams)} />;
}
