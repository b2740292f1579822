import { UpgradeLimitsPage } from "@/components/sandbox/pay/UpgradeLimitsPage";

export const metadata = { title: "Sandbox: raise your limits", robots: "noindex" };

/** The `upgradeUrl` of an embedded limit upgrade: framed by the app's guest checkout. */
export default async function Page(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { sessionToken, error } = await props.searchParams;
  return <UpgradeLimitsPage sessionToken={sessionToken} errorCodes={error} />;
}
