import { amountProblemOf, finishCheckout } from "@/lib/sandbox/pay/checkouts";
import { rampSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import type { CheckoutOutcome } from "@/lib/sandbox/pay/checkout-transaction";

const OUTCOMES: CheckoutOutcome[] = ["completed", "cancelled", "declined"];

/** The sandbox pay page's Complete / Cancel buttons post here. */
export async function POST(request: Request) {
  if (!rampSandboxEnabled()) return sandboxNotFound();
  const form = await request.formData().catch(() => null);
  const id = form?.get("checkoutId");
  const action = form?.get("outcome");
  if (typeof id !== "string" || !OUTCOMES.includes(action as CheckoutOutcome)) {
    return new Response("Bad request", { status: 400 });
  }
  const outcome = action as CheckoutOutcome;
  const problem = outcome === "completed" ? amountProblemOf(id) : undefined;
  if (problem) return new Response(problem, { status: 422 });
  const checkout = finishCheckout(id, outcome);
  if (!checkout) return new Response("This checkout is already finished.", { status: 409 });
  if (!checkout.redirectUrl) {
    return new Response(`Checkout ${outcome}. You can close this tab.`, {
      headers: { "content-type": "text/plain" },
    });
  }
  return new Response(null, { status: 303, headers: { location: checkout.redirectUrl } });
}
