import { rampSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { handleSubmitVerification } from "@/lib/sandbox/onramp/verification-endpoints";

export async function POST(
  request: Request,
  { params }: { params: Promise<{ verificationId: string }> },
) {
  if (!rampSandboxEnabled()) return sandboxNotFound();
  return handleSubmitVerification(request, (await params).verificationId);
}
