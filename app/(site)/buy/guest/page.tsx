import { GuestCheckoutPage } from "@/components/guest/GuestCheckoutPage";

export const metadata = { title: "Pay with Apple Pay or Google Pay" };

export default async function GuestBuyPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return <GuestCheckoutPage query={await props.searchParams} />;
}
