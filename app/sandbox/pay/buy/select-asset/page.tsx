import { notFound } from "next/navigation";
import { SandboxCheckout, SandboxCheckoutError } from "@/components/sandbox/SandboxCheckout";
import { rampSandboxEnabled } from "@/lib/sandbox/enabled";
import { checkoutAmountProblem, checkoutFigures } from "@/lib/sandbox/pay/checkout-transaction";
import { openCheckoutPage, startAgainUrl, type SearchParams } from "@/lib/sandbox/pay/pay-pages";

export const metadata = { title: "Sandbox: buy crypto", robots: "noindex" };

export default async function SandboxBuyPage(props: { searchParams: Promise<SearchParams> }) {
  if (!rampSandboxEnabled()) notFound();
  const result = openCheckoutPage("buy", await props.searchParams);
  return result.ok ? (
    <SandboxCheckout
      checkout={result.checkout}
      amountProblem={checkoutAmountProblem(result.checkout)}
      figures={checkoutFigures(result.checkout)}
    />
  ) : (
    <SandboxCheckoutError
      title={result.title}
      message={result.message}
      backHref={startAgainUrl("buy")}
    />
  );
}
