import { rampSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { handleCreateOrder } from "@/lib/sandbox/onramp/order-endpoints";

export async function POST(request: Request) {
  if (!rampSandboxEnabled()) return sandboxNotFound();
  return handleCreateOrder(request);
}
