import { GuestCheckoutPage } from "@/components/guest/GuestCheckoutPage";
import { withViewerCheck } from "@/components/auth/PageViewerCheck";

export const metadata = { title: "Pay with Apple Pay or Google Pay" };

async function GuestBuyPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return <GuestCheckoutPage query={await props.searchParams} />;
}

export default withViewerCheck(GuestBuyPage);
