import { rampSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { handleSellOptions } from "@/lib/sandbox/cdp/options-endpoint";

export async function GET(request: Request) {
  if (!rampSandboxEnabled()) return sandboxNotFound();
  return handleSellOptions(request);
}
