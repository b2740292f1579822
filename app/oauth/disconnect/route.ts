import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/config/env";
import { handle } from "@/lib/http/handle";
import { cookieOptions } from "@/lib/security/sealed-cookie";
import { assertOwnOrigin } from "@/lib/oauth/same-origin";
import { sessionCookieName, unsealSession } from "@/lib/oauth/session-cookie";
import { revokeToken } from "@/lib/oauth/token-client";

/**
 * "Disconnect": revoke the grant at Coinbase, then forget the session. Only from this
 * app's pages; "disconnected" is said only when Coinbase confirmed a revocation.
 */
export async function POST(request: NextRequest) {
  return handle(request, async () => {
    assertOwnOrigin(request);
    const { appUrl } = getConfig();
    const session = await unsealSession(request.cookies.get(sessionCookieName())?.value);
    const target = new URL("/connect", appUrl);
    if (session)
      target.searchParams.set("disconnected", (await revokeToken(session)) ? "1" : "local");
    const response = NextResponse.redirect(target, 303);
    response.cookies.set(sessionCookieName(), "", cookieOptions(0));
    return response;
  });
}
