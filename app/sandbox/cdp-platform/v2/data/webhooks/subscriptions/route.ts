import { rampSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import {
  handleCreateSubscription,
  handleListSubscriptions,
} from "@/lib/sandbox/webhooks/subscriptions-endpoint";

export async function GET(request: Request) {
  if (!rampSandboxEnabled()) return sandboxNotFound();
  return handleListSubscriptions(request);
}

export async function POST(request: Request) {
  if (!rampSandboxEnabled()) return sandboxNotFound();
  return handleCreateSubscription(request);
}
