import { notFound } from "next/navigation";
import { ConsentOver } from "@/components/sandbox/oauth/ConsentOver";
import { getConfig } from "@/lib/config/env";
import { oauthSandboxEnabled } from "@/lib/sandbox/enabled";
import { appConnectUrl } from "@/lib/sandbox/oauth/callback-url";

export const metadata = { title: "Sandbox: sign-in request no longer open", robots: "noindex" };

/** Where the consent endpoint sends an answer to a request answered already, or expired. */
export default function ConsentAnsweredPage() {
  if (!oauthSandboxEnabled()) notFound();
  return <ConsentOver connectUrl={appConnectUrl(getConfig().oauth.redirectUri)} />;
}
