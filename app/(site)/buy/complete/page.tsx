import { CompletionNotice } from "@/components/ramp/CompletionNotice";
import { linkedOrder } from "@/lib/ramp/return-order";
import { withViewerCheck } from "@/components/auth/PageViewerCheck";

export const metadata = { title: "Purchase" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Where Coinbase sends the user back; `?order=` names the order they went through. */
async function BuyCompletePage({ searchParams }: Props) {
  const query = await searchParams;
  return <CompletionNotice side="buy" {...linkedOrder(query)} />;
}

export default withViewerCheck(BuyCompletePage);
