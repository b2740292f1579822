import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/config/env";
import { handle } from "@/lib/http/handle";
import { refreshOnce } from "@/lib/oauth/refresh";
import { cookieOptions } from "@/lib/security/sealed-cookie";
import { sealSession, sessionCookieName, unsealSession } from "@/lib/oauth/session-cookie";

/**
 * Renews an expired access token with the refresh token, stores the rotated pair and
 * returns to /account. A route handler, since only handlers (not pages) may set cookies.
 */
export async function GET(request: NextRequest) {
  return handle(request, async () => {
    const { appUrl } = getConfig();
    const session = await unsealSession(request.cookies.get(sessionCookieName())?.value);
    if (!session?.refreshToken)
      return NextResponse.redirect(new URL("/oauth/result?failure=session_ended", appUrl), 303);
    try {
      const renewed = await refreshOnce(session);
      const response = NextResponse.redirect(new URL("/account?refreshed=1", appUrl), 303);
      const cookie = await sealSession(renewed);
      response.cookies.set(cookie.name, cookie.value, cookie.options);
      return response;
    } catch {
      // The refresh token is spent or revoked: the only way on is to connect again.
      const response = NextResponse.redirect(
        new URL("/oauth/result?failure=session_ended", appUrl),
        303,
      );
      response.cookies.set(sessionCookieName(), "", cookieOptions(0));
      return response;
    }
  });
}
