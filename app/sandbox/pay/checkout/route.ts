import { amountProblemOf, finishCheckout } from "@/lib/sandbox/pay/checkouts";
import { rampSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";

/** The sandbox pay page's Complete / Cancel buttons post here. */
export async function POST(request: Request) {
  if (!rampSandboxEnabled()) return sandboxNotFound();
  const form = await request.formData().catch(() => null);
  const id = form?.get("checkoutId");
  const action = form?.get("outcome");
  if (typeof id !== "string" || (action !== "completed" && action !== "cancelled")) {
    return new Response("Bad request", { status: 400 });
  }
  const problem = action === "completed" ? amountProblemOf(id) : undefined;
  if (problem) return new Response(problem, { status: 422 });
  const checkout = finishCheckout(id, action);
  if (!checkout) return new Response("This checkout is already finished.", { status: 409 });
  if (!checkout.redirectUrl) {
    return new Response(`Checkout ${action}. You can close this tab.`, {
      headers: { "content-type": "text/plain" },
    });
  }
  return new Response(null, { status: 303, headers: { location: checkout.redirectUrl } });
}
