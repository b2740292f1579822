import Link from "next/link";
import { redirect } from "next/navigation";
import { withRequestId } from "@/lib/log/logger";
import { RENEW_FROM_CONNECT } from "@/lib/oauth/renewal-return";
import type { OAuthSession } from "@/lib/oauth/session-cookie";
import { SESSION_ENDED, sessionStanding } from "@/lib/oauth/session-ended";

/**
 * What /connect says of the Coinbase session this browser holds. Connecting again replaces
 * it and revokes it: from the header's link, that could quietly drop permissions the user
 * meant to keep, so a live one is pointed out. One Coinbase refuses is renewed once from the
 * browser, as /account does, and comes back here renewed or ended (its cookie cleared).
 */
export async function ConnectionNotice({
  session,
  justRefreshed,
  requestId,
}: {
  session: OAuthSession;
  justRefreshed: boolean;
  requestId: string | null;
}) {
  const standing = await withRequestId(requestId, () => sessionStanding(session, justRefreshed));
  if (standing === "renew") redirect(RENEW_FROM_CONNECT);
  if (standing === "ended") return <SessionEndedNotice />;
  return (
    <p role="status" className="rounded-lg bg-amber-50 p-3 text-amber-900">
      You are already connected: connecting again replaces that connection with the permissions you
      choose here. To keep what you granted and add to it, use{" "}
      <Link href="/account" className="font-medium underline">
        Ask for more permissions on your account
      </Link>
      .
    </p>
  );
}

/**
 * A session that has ended, in /account's words. The form below is the way on, not /account,
 * which would only send the user back here.
 */
export function SessionEndedNotice() {
  return (
    <p role="status" className="rounded-lg bg-amber-50 p-3 text-amber-900">
      <strong>{SESSION_ENDED.title}:</strong> {SESSION_ENDED.text}
    </p>
  );
}
