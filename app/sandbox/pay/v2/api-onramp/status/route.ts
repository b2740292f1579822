import { rampSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { sessionStatus } from "@/lib/sandbox/onramp/payment-page";

/** What the sandbox payment link polls after "Pay". */
export async function GET(request: Request) {
  if (!rampSandboxEnabled()) return sandboxNotFound();
  const token = new URL(request.url).searchParams.get("sessionToken");
  if (!token) return Response.json({ error: "sessionToken is required" }, { status: 400 });
  const status = sessionStatus(token);
  return status
    ? Response.json({ status })
    : Response.json({ error: "unknown session" }, { status: 404 });
}
