import "server-only";
import { notFound } from "next/navigation";
import { SandboxCheckout, SandboxCheckoutError } from "@/components/sandbox/SandboxCheckout";
import { rampSandboxEnabled } from "../enabled";
import { openCheckout, type CheckoutKind } from "./checkouts";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Shared body of the two sandbox pay pages (buy and sell differ only in kind). */
export async function renderCheckoutPage(kind: CheckoutKind, searchParams: SearchParams) {
  if (!rampSandboxEnabled()) notFound();
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(await searchParams)) {
    if (typeof value === "string") params.set(name, value);
  }
  const result = openCheckout(kind, params);
  return result.ok ? (
    <SandboxCheckout checkout={result.checkout} />
  ) : (
    <SandboxCheckoutError title={result.title} message={result.message} />
  );
}
