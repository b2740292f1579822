import { rampSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { handleLimits } from "@/lib/sandbox/onramp/order-endpoints";

export async function POST(request: Request) {
  if (!rampSandboxEnabled()) return sandboxNotFound();
  return handleLimits(request);
}
