import { rampSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import {
  handleDeleteSubscription,
  handleGetSubscription,
  handleUpdateSubscription,
} from "@/lib/sandbox/webhooks/subscriptions-endpoint";

type Context = { params: Promise<{ subscriptionId: string }> };

export async function GET(request: Request, context: Context) {
  if (!rampSandboxEnabled()) return sandboxNotFound();
  return handleGetSubscription(request, (await context.params).subscriptionId);
}

export async function PUT(request: Request, context: Context) {
  if (!rampSandboxEnabled()) return sandboxNotFound();
  return handleUpdateSubscription(request, (await context.params).subscriptionId);
}

export async function DELETE(request: Request, context: Context) {
  if (!rampSandboxEnabled()) return sandboxNotFound();
  return handleDeleteSubscription(request, (await context.params).subscriptionId);
}
