import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/config/env";
import { handle } from "@/lib/http/handle";
import { cookieOptions } from "@/lib/security/sealed-cookie";
import { sessionCookieName, unsealSession } from "@/lib/oauth/session-cookie";
import { revokeToken } from "@/lib/oauth/token-client";

/** "Disconnect": revoke the grant at Coinbase, then forget the session. */
export async function POST(request: NextRequest) {
  return handle(request, async () => {
    const { appUrl } = getConfig();
    const session = await unsealSession(request.cookies.get(sessionCookieName())?.value);
    const revoked = session ? await revokeToken(session) : true;
    const target = new URL("/connect", appUrl);
    target.searchParams.set("disconnected", revoked ? "1" : "local");
    const response = NextResponse.redirect(target, 303);
    response.cookies.set(sessionCookieName(), "", cookieOptions(0));
    return response;
  });
}
