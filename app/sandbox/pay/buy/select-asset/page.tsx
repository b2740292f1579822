import { renderCheckoutPage } from "@/lib/sandbox/pay/render-checkout";

export const metadata = { title: "Sandbox: buy crypto", robots: "noindex" };

export default async function SandboxBuyPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return renderCheckoutPage("buy", props.searchParams);
}
