import { CompletionNotice } from "@/components/ramp/CompletionNotice";
import { orderOf } from "@/lib/ramp/return-order";
import { withViewerCheck } from "@/components/auth/PageViewerCheck";

export const metadata = { title: "Purchase" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Where Coinbase sends the user back; `?order=` names the order they went through. */
async function BuyCompletePage({ searchParams }: Props) {
  return <CompletionNotice side="buy" order={orderOf(await searchParams)} />;
}

export default withViewerCheck(BuyCompletePage);
