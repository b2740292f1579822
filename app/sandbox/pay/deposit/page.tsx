import { notFound } from "next/navigation";
import { SandboxCheckoutError } from "@/components/sandbox/SandboxCheckout";
import { DepositPanel } from "@/components/sandbox/pay/DepositPanel";
import { rampSandboxEnabled } from "@/lib/sandbox/enabled";
import { depositPage, startAgainUrl, type SearchParams } from "@/lib/sandbox/pay/pay-pages";

export const metadata = { title: "Sandbox: deposit for a sale", robots: "noindex" };

/** A pending sale's deposit details, and the button that simulates the deposit. */
export default async function SandboxDepositPage(props: { searchParams: Promise<SearchParams> }) {
  if (!rampSandboxEnabled()) notFound();
  const result = depositPage(await props.searchParams);
  return result.ok ? (
    <DepositPanel sell={result.sell} />
  ) : (
    <SandboxCheckoutError
      title={result.title}
      message={result.message}
      backHref={startAgainUrl("sell")}
    />
  );
}
