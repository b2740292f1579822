import Link from "next/link";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { withRequestId } from "@/lib/log/logger";
import { AccountDetails } from "@/components/account/AccountDetails";
import { loadAccountView } from "@/lib/oauth/account-view";
import { currentSession } from "@/lib/oauth/current-session";
import { isFreshRefreshMark } from "@/lib/oauth/refresh-mark";

export const metadata = { title: "Your Coinbase account" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AccountPage({ searchParams }: Props) {
  const params = await searchParams;
  const session = await currentSession();
  if (!session) {
    return <Notice title="Not connected" text="Connect your Coinbase account to see it here." />;
  }
  const requestId = (await headers()).get("x-request-id");
  const view = await withRequestId(requestId, () =>
    loadAccountView(session, isFreshRefreshMark(params.refreshed)),
  );
  if (view.kind === "refresh") redirect("/oauth/refresh");
  if (view.kind === "reconnect") return <Notice title="Please connect again" text={view.reason} />;
  if (view.kind === "error")
    return <Notice title="Could not load your account" text={view.message} retry />;
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-semibold">Your Coinbase account</h1>
      {params.connected === "1" && (
        <p role="status" className="rounded-lg bg-emerald-50 p-3 text-emerald-900">
          Connected.
        </p>
      )}
      <AccountDetails
        user={view.user}
        auth={view.auth}
        accounts={view.accounts}
        notes={view.notes}
      />
    </div>
  );
}

function Notice({ title, text, retry }: { title: string; text: string; retry?: boolean }) {
  return (
    <section className="space-y-3">
      <h1 className="text-3xl font-semibold">{title}</h1>
      <p>{text}</p>
      <p className="flex gap-4">
        {retry && (
          <Link href="/account" className="text-blue-800 underline">
            Try again
          </Link>
        )}
        <Link href="/connect" className="font-medium text-blue-800 underline">
          Connect Coinbase
        </Link>
      </p>
    </section>
  );
}
