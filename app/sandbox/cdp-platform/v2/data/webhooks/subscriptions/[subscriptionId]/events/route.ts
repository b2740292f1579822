import { rampSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { handleListSubscriptionEvents } from "@/lib/sandbox/webhooks/subscription-events-endpoint";

type Context = { params: Promise<{ subscriptionId: string }> };

export async function GET(request: Request, context: Context) {
  if (!rampSandboxEnabled()) return sandboxNotFound();
  return handleListSubscriptionEvents(request, (await context.params).subscriptionId);
}
