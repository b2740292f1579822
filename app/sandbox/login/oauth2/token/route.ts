import { oauthSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { handleTokenRequest } from "@/lib/sandbox/oauth/token-endpoint";

export async function POST(request: Request) {
  if (!oauthSandboxEnabled()) return sandboxNotFound();
  return handleTokenRequest(request);
}
