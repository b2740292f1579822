import Link from "next/link";
import { withRequestId } from "@/lib/log/logger";
import type { OAuthSession } from "@/lib/oauth/session-cookie";
import { SESSION_ENDED, sessionHasEnded } from "@/lib/oauth/session-ended";

/**
 * What /connect says of the Coinbase session this browser holds. Connecting again replaces
 * it and revokes it: from the header's link, that could quietly drop permissions the user
 * meant to keep, so a live one is pointed out. One that has ended says so, as /account does:
 * the form below is the way on, not /account, which would only send the user back here.
 */
export async function ConnectionNotice({
  session,
  requestId,
}: {
  session: OAuthSession;
  requestId: string | null;
}) {
  if (await withRequestId(requestId, () => sessionHasEnded(session))) {
    return (
      <p role="status" className="rounded-lg bg-amber-50 p-3 text-amber-900">
        <strong>{SESSION_ENDED.title}:</strong> {SESSION_ENDED.text}
      </p>
    );
  }
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
