import { rampSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { handleLimitUpgrade } from "@/lib/sandbox/onramp/limit-upgrade-endpoint";

export async function POST(request: Request) {
  if (!rampSandboxEnabled()) return sandboxNotFound();
  return handleLimitUpgrade(request);
}
