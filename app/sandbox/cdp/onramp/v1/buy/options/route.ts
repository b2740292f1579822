import { rampSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { handleBuyOptions } from "@/lib/sandbox/cdp/options-endpoint";

export async function GET(request: Request) {
  if (!rampSandboxEnabled()) return sandboxNotFound();
  return handleBuyOptions(request);
}
