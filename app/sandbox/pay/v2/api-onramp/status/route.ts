import { rampSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { sessionStatus } from "@/lib/sandbox/onramp/payment-page";

/** What the sandbox payment link polls after "Pay". */
export async function GET(request: Request) {
  if (!rampSandboxEnabled()) return sandboxNotFound();
  const status = sessionStatus(new URL(request.url).searchParams.get("sessionToken") ?? "");
  return status
    ? Response.json({ status })
    : Response.json({ error: "unknown session" }, { status: 404 });
}
