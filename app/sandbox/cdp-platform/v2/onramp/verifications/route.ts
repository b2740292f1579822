import { rampSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { handleStartVerification } from "@/lib/sandbox/onramp/verification-endpoints";

export async function POST(request: Request) {
  if (!rampSandboxEnabled()) return sandboxNotFound();
  return handleStartVerification(request);
}
