import { rampSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { handleGetOrder } from "@/lib/sandbox/onramp/order-endpoints";

export async function GET(request: Request, { params }: { params: Promise<{ orderId: string }> }) {
  if (!rampSandboxEnabled()) return sandboxNotFound();
  return handleGetOrder(request, (await params).orderId);
}
