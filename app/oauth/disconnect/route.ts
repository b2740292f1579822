import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/config/env";
import { handle } from "@/lib/http/handle";
import { cookieOptions } from "@/lib/security/sealed-cookie";
import { assertOwnOrigin } from "@/lib/oauth/same-origin";
import { sessionCookieName, unsealSession } from "@/lib/oauth/session-cookie";
import { ownSessionIfKnown } from "@/lib/oauth/session-owner";
import { revokeGrant } from "@/lib/oauth/end-session";
import { refuseOtherMethods } from "@/lib/http/other-methods";

/**
 * "Disconnect": revoke the grant at Coinbase (and one a refresh under way would bring back),
 * then forget the session. Only from this
 * app's pages; "disconnected" is said only when Coinbase confirmed a revocation. Only the
 * signed-in user's own session (or one connected without signing in): another app user's,
 * on a shared browser, is left as it is, theirs to end.
 */
export async function POST(request: NextRequest) {
  return handle(request, async () => {
    assertOwnOrigin(request);
    const { appUrl } = getConfig();
    const sealed = request.cookies.get(sessionCookieName())?.value;
    const session = await unsealSession(sealed);
    const own = await ownSessionIfKnown(session, request.headers);
    // Whose session it is cannot be told (the database is down): a page saying nothing
    // changed, not the JSON envelope in place of one (a form posted here).
    if (own === "unknown")
      return NextResponse.redirect(
        new URL("/oauth/result?failure=disconnect_unavailable", appUrl),
        303,
      );
    const target = new URL("/connect", appUrl);
    if (own)
      target.searchParams.set("disconnected", (await revokeGrant(own)) ? "1" : "unconfirmed");
    const response = NextResponse.redirect(target, 303);
    if (own || !session) response.cookies.set(sessionCookieName(), "", cookieOptions(0));
    return response;
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
