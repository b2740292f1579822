import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/config/env";
import { asAppError } from "@/lib/http/error-response";
import { handle } from "@/lib/http/handle";
import { refreshOnce } from "@/lib/oauth/refresh";
import { refreshMark } from "@/lib/oauth/refresh-mark";
import { renewalReturn } from "@/lib/oauth/renewal-return";
import { idInQuery } from "@/lib/ramp/return-order";
import { ownSession, signedInUserId } from "@/lib/oauth/session-owner";
import { assertOwnOrigin, isOwnOriginRequest } from "@/lib/oauth/same-origin";
import { endsSession, replacedHere, sessionEnded } from "@/lib/oauth/token-client";
import { cookieOptions } from "@/lib/security/sealed-cookie";
import { isStoreUnavailable } from "@/lib/store/store-unavailable";
import { sealSession, sessionCookieName, unsealSession } from "@/lib/oauth/session-cookie";
import { refuseOtherMethods } from "@/lib/http/other-methods";

/**
 * Renews an expired access token with the refresh token, stores the rotated pair and
 * returns to /account, or to /connect when it asked (lib/oauth/renewal-return.ts: by way of
 * /oauth/result too). A route
 * handler, since only handlers (not pages) may set cookies. When Coinbase refuses, the
 * session ends; when it (or the app's shared store) cannot be reached, the session is kept
 * and the user may try again.
 *
 * A refusal can end the session, so another site must not trigger it: GET only from our
 * own pages (or a typed URL), else the user confirms with a button that POSTs here.
 */
export async function GET(request: NextRequest) {
  return handle(request, async () => {
    if (!isOwnOriginRequest(request, true))
      return goTo(
        renewalReturn(request.nextUrl.searchParams.get("from")).result("refresh_confirm"),
      );
    return renew(request);
  });
}

export async function POST(request: NextRequest) {
  return handle(request, async () => {
    assertOwnOrigin(request);
    return renew(request);
  });
}

function goTo(path: string) {
  return NextResponse.redirect(new URL(path, getConfig().appUrl), 303);
}

async function renew(request: NextRequest) {
  const query = request.nextUrl.searchParams;
  // Only an id of the ledger's shape: the route never redirects to a URL it was given.
  const after = idInQuery({ after: query.get("after") ?? undefined }, "after");
  const back = renewalReturn(query.get("from"), after);
  // Another app user's session (a shared browser) is theirs: not renewed, nor dropped.
  let othersSession = false;
  try {
    // Only the session's owner renews it (lib/oauth/session-owner.ts).
    const inCookie = await unsealSession(request.cookies.get(sessionCookieName())?.value);
    const session = await ownSession(inCookie, signedInUserId(request.headers));
    othersSession = inCookie !== null && session === null;
    if (!session) throw sessionEnded();
    const renewed = await refreshOnce(session);
    const response = goTo(back.renewed(refreshMark()));
    const cookie = await sealSession(renewed);
    response.cookies.set(cookie.name, cookie.value, cookie.options);
    return response;
  } catch (error) {
    if (isStoreUnavailable(error))
      return goTo(back.unavailable("refresh_store_unavailable", refreshMark()));
    // Sent with a cookie a new connection has since replaced (another tab connected again):
    // the browser holds the new one, which the page goes back to use, not to renew again (a
    // browser holding only the old one then sees it ended there). Nothing to clear.
    if (replacedHere(error)) return goTo(back.renewed(refreshMark()));
    // Not an answer of Coinbase's (the database down, or a fault of ours, logged as one): the
    // session kept, and Coinbase not blamed.
    const failure = asAppError(error);
    if (failure.code === "database_unavailable" || failure.code === "internal_error")
      return goTo(back.unavailable("refresh_failed_here", refreshMark()));
    if (!endsSession(error)) return goTo(back.unavailable("refresh_unavailable", refreshMark()));
    const response = goTo(back.ended);
    if (!othersSession) response.cookies.set(sessionCookieName(), "", cookieOptions(0));
    return response;
  }
}

export const { PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("GET", "POST");
