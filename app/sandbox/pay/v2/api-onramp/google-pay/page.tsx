import { GuestPaymentLink } from "@/components/sandbox/pay/GuestPaymentLink";

export const metadata = { title: "Sandbox: guest payment", robots: "noindex" };

/** The payment link Coinbase returns for a guest order: framed by the app's guest checkout. */
export default async function Page(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return (
    <GuestPaymentLink kind="google-pay" sessionToken={(await props.searchParams).sessionToken} />
  );
}
