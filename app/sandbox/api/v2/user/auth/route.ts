import { oauthSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { handleGetUserAuth } from "@/lib/sandbox/oauth/user-endpoints";

export async function GET(request: Request) {
  if (!oauthSandboxEnabled()) return sandboxNotFound();
  return handleGetUserAuth(request);
}
