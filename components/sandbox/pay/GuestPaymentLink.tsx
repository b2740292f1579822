import { notFound } from "next/navigation";
import { rampSandboxEnabled } from "@/lib/sandbox/enabled";
import { paymentPage } from "@/lib/sandbox/onramp/payment-page";
import { GuestPayButton } from "./GuestPayButton";

/** Server part of the sandbox payment link: the session's order, or why it cannot be paid. */
export function GuestPaymentLink({ kind, sessionToken }: { kind: string; sessionToken: unknown }) {
  if (!rampSandboxEnabled()) notFound();
  const page = paymentPage(kind, sessionToken);
  if (!page.ok)
    return (
      <p role="alert" className="text-red-800">
        {page.message}
      </p>
    );
  return (
    <GuestPayButton
      kind={page.kind}
      sessionToken={page.sessionToken}
      parentOrigin={page.parentOrigin}
      total={page.total}
      payable={page.status === "ONRAMP_ORDER_STATUS_PENDING_PAYMENT"}
    />
  );
}
