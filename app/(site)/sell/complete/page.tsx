import { CompletionNotice } from "@/components/ramp/CompletionNotice";
import { namesAnOrder, openedFromList, orderOf } from "@/lib/ramp/return-order";
import { withViewerCheck } from "@/components/auth/PageViewerCheck";

export const metadata = { title: "Sale" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Where Coinbase sends the user back; `?order=` names the order they went through. */
async function SellCompletePage({ searchParams }: Props) {
  const query = await searchParams;
  return (
    <CompletionNotice
      side="sell"
      order={orderOf(query)}
      orderNamed={namesAnOrder(query)}
      fromList={openedFromList(query)}
    />
  );
}

export default withViewerCheck(SellCompletePage);
