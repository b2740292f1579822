import { oauthSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { handleListAccounts } from "@/lib/sandbox/oauth/accounts-endpoint";

export async function GET(request: Request) {
  if (!oauthSandboxEnabled()) return sandboxNotFound();
  return handleListAccounts(request);
}
