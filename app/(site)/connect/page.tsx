import { headers } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { Suspense } from "react";
import { ConnectForm } from "@/components/connect/ConnectForm";
import {
  ConnectAnewWhenConnectionEnds,
  ConnectionEndedHere,
  ShowConnectionMadeElsewhere,
} from "@/components/connect/ConnectionEnded";
import { ConnectionNotice, SessionEndedNotice } from "@/components/connect/ConnectionNotice";
import { getConfig } from "@/lib/config/env";
import { expiredSessionView } from "@/lib/oauth/account-view";
import { currentSession, ownerAwayFromSession } from "@/lib/oauth/current-session";
import { isFreshRefreshMark } from "@/lib/oauth/refresh-mark";
import { RENEW_FROM_CONNECT } from "@/lib/oauth/renewal-return";
import { keptGrant } from "@/lib/oauth/ask-for-more";
import { withSendLimit } from "@/lib/oauth/granted-session";
import { withViewerCheck } from "@/components/auth/PageViewerCheck";

export const metadata = { title: "Connect Coinbase" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

async function ConnectPage({ searchParams }: Props) {
  await connection();
  const params = await searchParams;
  const { authorizeUrl, clientId, redirectUri, mode } = getConfig().oauth;
  if (mode === "off") {
    return (
      <div className="space-y-3">
        <h1 className="text-3xl font-semibold">Connect your Coinbase account</h1>
        <p role="status">
          Coinbase Connect is not set up on this server: it needs an OAuth client
          (COINBASE_OAUTH_CLIENT_ID and COINBASE_OAUTH_CLIENT_SECRET).
        </p>
      </div>
    );
  }
  const own = await currentSession();
  // "Ask for more permissions" comes here with the grant: what of it this session holds is kept.
  const asking = typeof params.add === "string" && own ? await withSendLimit(own) : own;
  const { granted, grantedLimit, grantedAccess, grantedAccountCurrency } = keptGrant(
    params,
    asking,
  );
  // Asking for more keeps the grant: no word about it. Otherwise the session is looked at
  // (Coinbase may be asked) while the form shows.
  const session = granted.length === 0 ? own : null;
  const justRefreshed = isFreshRefreshMark(params.refreshed);
  // As on /account: a token past its time is renewed before the page starts, a plain redirect.
  if (session && expiredSessionView(session, justRefreshed)?.kind === "refresh")
    redirect(RENEW_FROM_CONNECT);
  const requestId = (await headers()).get("x-request-id");
  // How a connection ended, from the address: stale once this browser is connected again (a
  // reload of the page a Disconnect landed on), so neither said nor told to the other tabs.
  const ended = own ? undefined : params.disconnected;
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">Connect your Coinbase account</h1>
        <p className="text-slate-700">
          Coinbase Connect lets an app act on a Coinbase account with the permissions the user
          approves, and nothing more.
        </p>
        {session && (
          <Suspense>
            <ConnectionNotice
              session={session}
              justRefreshed={justRefreshed}
              requestId={requestId}
            />
          </Suspense>
        )}
        {/* Its owner's sign-in ended (the cookie outlives it): connecting again would revoke it. */}
        {!own && (await ownerAwayFromSession()) === "signed_out" && (
          <p role="status" className="rounded-lg bg-amber-50 p-3 text-amber-900">
            A Coinbase account was connected on this browser while signed in to this app.{" "}
            <Link href="/sign-in?next=/connect" className="font-medium text-blue-800 underline">
              Sign in
            </Link>{" "}
            as that user to see it: connecting here now would end that connection.
          </p>
        )}
        {/* Back from /oauth/refresh, which found the session ended and cleared its cookie. */}
        {!session && params.ended === "1" && <SessionEndedNotice />}
        {ended === "1" && (
          <p role="status" className="rounded-lg bg-emerald-50 p-3 text-emerald-900">
            Disconnected: Coinbase revoked the app&apos;s access.
          </p>
        )}
        {/* A Disconnect in another tab brings a connected page back ended; a connection made
            in another tab brings an ended one back connected. */}
        {own ? <ConnectAnewWhenConnectionEnds /> : <ShowConnectionMadeElsewhere />}
        {ended === "elsewhere" && (
          <p role="status" className="rounded-lg bg-emerald-50 p-3 text-emerald-900">
            Your Coinbase account was disconnected in another tab. Connect again below.
          </p>
        )}
        {/* Ended here, whatever Coinbase said: the app's other tabs show it ended too. */}
        {(ended === "1" || ended === "unconfirmed") && <ConnectionEndedHere />}
        {/* "local": a sign-out (lib/oauth/end-session.ts); "unconfirmed": Disconnect. */}
        {(ended === "local" || ended === "unconfirmed") && (
          <p role="status" className="rounded-lg bg-amber-50 p-3 text-amber-900">
            {ended === "local" ? "Signed out here" : "Disconnected here"}, but Coinbase could not be
            told: remove the app in your Coinbase settings.
          </p>
        )}
      </div>
      <ConnectForm
        endpoint={{ authorizeUrl, clientId, redirectUri }}
        granted={granted}
        grantedLimit={grantedLimit}
        grantedAccess={grantedAccess}
        grantedAccountCurrency={grantedAccountCurrency}
      />
    </div>
  );
}

export default withViewerCheck(ConnectPage);
