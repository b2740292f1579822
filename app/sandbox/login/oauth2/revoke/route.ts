import { oauthSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { handleRevokeRequest } from "@/lib/sandbox/oauth/revoke-endpoint";

export async function POST(request: Request) {
  if (!oauthSandboxEnabled()) return sandboxNotFound();
  return handleRevokeRequest(request);
}
