import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/config/env";
import { handle } from "@/lib/http/handle";
import { finishCallback } from "@/lib/oauth/complete-authorization";
import { cookieOptions } from "@/lib/security/sealed-cookie";
import { sealSession } from "@/lib/oauth/session-cookie";
import { stateCookieName, unsealState } from "@/lib/oauth/state-cookie";
import { RESULT_DETAIL_COOKIE } from "@/lib/oauth/complete-authorization";

/** Where Coinbase sends the user back. Ends on /account or on an explained failure. */
export async function GET(request: NextRequest) {
  return handle(request, async () => {
    const { appUrl } = getConfig();
    const pending = await unsealState(request.cookies.get(stateCookieName())?.value);
    const result = await finishCallback(request.nextUrl.searchParams, pending);

    const target = new URL(result.ok ? "/account" : "/oauth/result", appUrl);
    if (result.ok) target.searchParams.set("connected", "1");
    else target.searchParams.set("failure", result.failure);
    const response = NextResponse.redirect(target, 303);
    response.headers.set("cache-control", "no-store");
    response.cookies.set(stateCookieName(), "", cookieOptions(0));
    // Coinbase's wording travels in a short cookie, not the URL, so nobody can craft a
    // result link that puts their own text on our page.
    if (!result.ok && result.detail) {
      response.cookies.set(RESULT_DETAIL_COOKIE, result.detail, {
        ...cookieOptions(60),
        path: "/oauth/result",
      });
    }
    if (result.ok) {
      const cookie = await sealSession(result.session);
      response.cookies.set(cookie.name, cookie.value, cookie.options);
    }
    return response;
  });
}
