import Link from "next/link";
import { Suspense } from "react";
import { redirect } from "next/navigation";
import { withRequestId } from "@/lib/log/logger";
import { expiredSessionView, loadAccountView } from "@/lib/oauth/account-view";
import { currentSession, ownerAwayFromSession } from "@/lib/oauth/current-session";
import { isFreshRefreshMark } from "@/lib/oauth/refresh-mark";
import {
  RENEWAL_FAILURES,
  isRenewalFailure,
  renewFromAccount,
  renewalReturn,
} from "@/lib/oauth/renewal-return";
import type { OAuthSession } from "@/lib/oauth/session-cookie";
import { SESSION_ENDED } from "@/lib/oauth/session-ended";
import { AccountDetails } from "./AccountDetails";
import { ConnectedNotice } from "./ConnectedNotice";
import { RefreshWhenConnectionEnds } from "@/components/connect/ConnectionEnded";

/**
 * The Coinbase Connect part of /account: the connected account, or how to connect. What
 * Coinbase says takes its own time (several calls, a second or more): the rest of the page
 * shows at once and this part streams in after, saying meanwhile that it is loading.
 */
export async function ConnectView({
  requestId,
  connected,
  refreshed,
  renewal,
  after,
}: {
  requestId: string | null;
  connected: boolean;
  /** The history page shown (`?after=`): a renewal comes back to it. */
  after: string | undefined;
  refreshed: string | string[] | undefined;
  /** Why the renewal that sent the user back here failed, ending nothing (renewal-return.ts). */
  renewal: string | string[] | undefined;
}) {
  const session = await currentSession();
  if (!session) {
    const ownerAway = await ownerAwayFromSession();
    if (ownerAway === "signed_out") {
      return (
        <Notice
          title="Sign in to see your Coinbase account"
          text="A Coinbase account was connected on this browser while signed in to this app. Sign in as that user to see it and send from it."
          signIn
        />
      );
    }
    // Whose connection the browser holds cannot be read (the database is down): neither
    // "not connected" nor a way to connect, which would replace, and revoke, the owner's grant.
    if (ownerAway === "unknown") {
      return (
        <Notice
          title="Your Coinbase account cannot be shown just now"
          text="This app's database is not answering, so it cannot tell whose Coinbase connection this browser holds. Nothing has changed: try again in a moment."
          retry={renewalReturn("account", after).retry}
          connect={null}
        />
      );
    }
    return <Notice title="Not connected" text="Connect your Coinbase account to see it here." />;
  }
  const justRefreshed = isFreshRefreshMark(refreshed);
  // Renewed just now and failed (Coinbase or the shared store unreachable): said here, the
  // rest of the page as usual; "Try again" renews again.
  if (justRefreshed && isRenewalFailure(renewal))
    return (
      <Notice
        {...RENEWAL_FAILURES[renewal]}
        retry={renewalReturn("account", after).retry}
        connect={null}
      />
    );
  // Decided before the page starts to stream, so the renewal is a plain HTTP redirect.
  const expired = expiredSessionView(session, justRefreshed);
  if (expired?.kind === "refresh") redirect(renewFromAccount(after));
  if (expired?.kind === "reconnect") return <SessionEnded />;
  return (
    <Suspense fallback={<Loading />}>
      <CoinbaseAccount
        session={session}
        justRefreshed={justRefreshed}
        requestId={requestId}
        connected={connected}
        after={after}
      />
    </Suspense>
  );
}

async function CoinbaseAccount({
  session,
  justRefreshed,
  requestId,
  connected,
  after,
}: {
  session: OAuthSession;
  justRefreshed: boolean;
  requestId: string | null;
  connected: boolean;
  after: string | undefined;
}) {
  const view = await withRequestId(requestId, () => loadAccountView(session, justRefreshed));
  // Coinbase refused a token that had time left (revoked, say): renewed once, from the browser.
  if (view.kind === "refresh") redirect(renewFromAccount(after));
  if (view.kind === "reconnect") return <SessionEnded />;
  // Coinbase not answering ends nothing: "Try again" keeps the history page shown, and no way
  // to connect is offered over a connection that works (it would replace, and revoke, it).
  if (view.kind === "error")
    return (
      <Notice
        title="Could not load your account"
        text={view.message}
        retry={renewalReturn("account", after).retry}
        connect={null}
        askForMore={view.askForMore}
      />
    );
  return (
    <section aria-labelledby="coinbase-title" className="space-y-6">
      <h2 id="coinbase-title" className="text-2xl font-semibold">
        Your Coinbase account
      </h2>
      {connected && <ConnectedNotice />}
      <RefreshWhenConnectionEnds />
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

function Loading() {
  return (
    <section aria-labelledby="coinbase-title" aria-busy="true" className="space-y-4">
      <h2 id="coinbase-title" className="text-2xl font-semibold">
        Your Coinbase account
      </h2>
      <p role="status" className="text-slate-700">
        Loading your Coinbase account…
      </p>
      <div aria-hidden="true" className="space-y-3">
        <div className="h-5 w-2/3 animate-pulse rounded bg-slate-200 motion-reduce:animate-none" />
        <div className="h-5 w-1/2 animate-pulse rounded bg-slate-200 motion-reduce:animate-none" />
        <div className="h-24 animate-pulse rounded-lg bg-slate-200 motion-reduce:animate-none" />
      </div>
    </section>
  );
}

/** A Coinbase session that has ended, in the words /connect uses for it too. */
function SessionEnded() {
  return (
    <Notice title={SESSION_ENDED.title} text={SESSION_ENDED.text} connect={SESSION_ENDED.action} />
  );
}

function Notice({
  title,
  text,
  retry,
  signIn,
  connect = "Connect Coinbase",
  askForMore,
}: {
  title: string;
  text: string;
  /** Where "Try again" goes: /account, or the page of its history that was open. */
  retry?: string;
  signIn?: boolean;
  /** "Ask for more permissions", when what failed was a permission the grant lacks. */
  askForMore?: string;
  /** The link to /connect's words; null for none. */
  connect?: string | null;
}) {
  return (
    <section className="space-y-3" aria-labelledby="coinbase-title">
      <h2 id="coinbase-title" className="text-2xl font-semibold">
        {title}
      </h2>
      <p>{text}</p>
      <p className="flex gap-4">
        {askForMore && (
          <Link href={askForMore} className="font-medium text-blue-800 underline">
            Ask for more permissions
          </Link>
        )}
        {retry && (
          <Link href={retry} className="text-blue-800 underline">
            Try again
          </Link>
        )}
        {signIn ? (
          <Link href="/sign-in?next=/account" className="font-medium text-blue-800 underline">
            Sign in
          </Link>
        ) : (
          connect && (
            <Link href="/connect" className="font-medium text-blue-800 underline">
              {connect}
            </Link>
          )
        )}
      </p>
    </section>
  );
}
