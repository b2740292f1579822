import { oauthSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { handleSpotPrice } from "@/lib/sandbox/oauth/spot-price-endpoint";

export async function GET(request: Request, { params }: { params: Promise<{ pair: string }> }) {
  if (!oauthSandboxEnabled()) return sandboxNotFound();
  return handleSpotPrice(request, (await params).pair);
}
