import { rampSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { handleCreateToken } from "@/lib/sandbox/cdp/token-endpoint";

export async function POST(request: Request) {
  if (!rampSandboxEnabled()) return sandboxNotFound();
  return handleCreateToken(request);
}
