import { renderCheckoutPage } from "@/lib/sandbox/pay/render-checkout";

export const metadata = { title: "Sandbox: sell crypto", robots: "noindex" };

export default async function SandboxSellPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return renderCheckoutPage("sell", props.searchParams);
}
