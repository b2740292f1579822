import { headers } from "next/headers";
import { ConnectView } from "@/components/account/ConnectView";
import { CatchingUpHistory } from "@/components/account/CatchingUpHistory";
import { getPageUser } from "@/lib/auth/page-user";
import { historyAfter } from "@/components/account/history-pages";
import { loadRampHistory } from "@/lib/ledger/account-history";
import { currentSession } from "@/lib/oauth/current-session";
import { SkipLink } from "@/components/shared/SkipLink";
import { withViewerCheck } from "@/components/auth/PageViewerCheck";

export const metadata = { title: "Your account" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The user's ramps from the ledger (caught up with Coinbase), beside their Coinbase Connect view. */
async function AccountPage({ searchParams }: Props) {
  const params = await searchParams;
  const requestHeaders = await headers();
  const viewer = await getPageUser();
  const after = historyAfter(params);
  const history = await loadRampHistory(viewer, after);
  // A page of history on a phone is screens long, and the Coinbase part comes after it.
  const skipToCoinbase =
    history.kind === "ready" && history.transactions.length > 0 && !!(await currentSession());
  return (
    <div className="space-y-10">
      <div className="space-y-1">
        <h1 className="text-3xl font-semibold">Your account</h1>
        {/* The one place a phone shows who is signed in: its header has room only for Sign out. */}
        {history.kind === "ready" && (
          <p className="wrap-break-word text-slate-700" data-testid="account-email">
            Signed in to this app as <strong>{history.email}</strong>
          </p>
        )}
        {skipToCoinbase && (
          <p>
            <SkipLink
              to="coinbase-account"
              className="inline-flex min-h-11 items-center font-medium text-blue-800 underline"
            >
              Jump to your Coinbase account
            </SkipLink>
          </p>
        )}
      </div>
      <CatchingUpHistory viewer={viewer} history={history} after={after} />
      <div id="coinbase-account" tabIndex={-1} className="outline-none">
        <ConnectView
          requestId={requestHeaders.get("x-request-id")}
          connected={params.connected === "1"}
          refreshed={params.refreshed}
          renewal={params.renewal}
          after={after}
        />
      </div>
    </div>
  );
}

export default withViewerCheck(AccountPage);
