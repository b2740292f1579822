import { oauthSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { handleConsentRequest } from "@/lib/sandbox/oauth/consent-endpoint";

/** The consent page's Allow and Deny buttons post here. */
export async function POST(request: Request) {
  if (!oauthSandboxEnabled()) return sandboxNotFound();
  return handleConsentRequest(request);
}
