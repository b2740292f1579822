import Link from "next/link";
import { redirect } from "next/navigation";
import { withRequestId } from "@/lib/log/logger";
import { loadAccountView } from "@/lib/oauth/account-view";
import { currentSession } from "@/lib/oauth/current-session";
import { isFreshRefreshMark } from "@/lib/oauth/refresh-mark";
import { AccountDetails } from "./AccountDetails";

/** The Coinbase Connect part of /account: the connected account, or how to connect. */
export async function ConnectView({
  requestId,
  connected,
  refreshed,
}: {
  requestId: string | null;
  connected: boolean;
  refreshed: string | string[] | undefined;
}) {
  const session = await currentSession();
  if (!session) {
    return <Notice title="Not connected" text="Connect your Coinbase account to see it here." />;
  }
  const view = await withRequestId(requestId, () =>
    loadAccountView(session, isFreshRefreshMark(refreshed)),
  );
  if (view.kind === "refresh") redirect("/oauth/refresh");
  if (view.kind === "reconnect") return <Notice title="Please connect again" text={view.reason} />;
  if (view.kind === "error")
    return <Notice title="Could not load your account" text={view.message} retry />;
  return (
    <section aria-labelledby="coinbase-title" className="space-y-6">
      <h2 id="coinbase-title" className="text-2xl font-semibold">
        Your Coinbase account
      </h2>
      {connected && (
        <p role="status" className="rounded-lg bg-emerald-50 p-3 text-emerald-900">
          Connected.
        </p>
      )}
      <AccountDetails
        user={view.user}
        auth={view.auth}
        accounts={view.accounts}
        send={view.send}
        notes={view.notes}
      />
    </section>
  );
}

function Notice({ title, text, retry }: { title: string; text: string; retry?: boolean }) {
  return (
    <section className="space-y-3" aria-labelledby="coinbase-title">
      <h2 id="coinbase-title" className="text-2xl font-semibold">
        {title}
      </h2>
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
