import { notFound, redirect } from "next/navigation";
import { AuthorizeError } from "@/components/sandbox/oauth/AuthorizeError";
import { ConsentScreen } from "@/components/sandbox/oauth/ConsentScreen";
import { oauthSandboxEnabled } from "@/lib/sandbox/enabled";
import { beginAuthorization, toSearchParams } from "@/lib/sandbox/oauth/authorize";

export const metadata = { title: "Sandbox: sign in with Coinbase", robots: "noindex" };

/** Stands in for login.coinbase.com/oauth2/auth. */
export default async function SandboxAuthorizePage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (!oauthSandboxEnabled()) notFound();
  const outcome = beginAuthorization(toSearchParams(await props.searchParams));
  // Only ever the registered redirect_uri (see checkAuthorizeRequest).
  if (outcome.kind === "redirect") redirect(outcome.location);
  if (outcome.kind === "fatal")
    return <AuthorizeError title={outcome.title} message={outcome.message} />;
  return <ConsentScreen view={outcome.view} />;
}
