import { NextResponse, type NextRequest } from "next/server";
import { withinConnectLimit } from "@/lib/abuse/guard-connect";
import { getConfig } from "@/lib/config/env";
import { handle } from "@/lib/http/handle";
import { readQuery } from "@/lib/http/read-query";
import { AuthorizeQuerySchema } from "@/lib/oauth/authorize-schema";
import { isOwnOriginRequest } from "@/lib/oauth/same-origin";
import { connectingUser } from "@/lib/oauth/session-owner";
import { startAuthorization } from "@/lib/oauth/start-authorization";
import { stateCookieName } from "@/lib/oauth/state-cookie";
import { refuseOtherMethods } from "@/lib/http/other-methods";

export async function GET(request: NextRequest) {
  return handle(request, async () => {
    // One sign-in with Coinbase at a time per browser: another site starting one would
    // replace this browser's state cookie and break the user's own. Its link lands on the
    // Connect page instead, where the user starts it themselves. So does a link opened from a
    // mail or chat app (no site: `Sec-Fetch-Site: none`): no one types this route.
    if (!isOwnOriginRequest(request))
      return NextResponse.redirect(new URL("/connect", getConfig().appUrl), 303);
    if (!(await withinConnectLimit(request)))
      return NextResponse.redirect(
        new URL("/oauth/result?failure=rate_limited", getConfig().appUrl),
        303,
      );
    const query = readQuery(request, AuthorizeQuerySchema);
    // Who starts it: only they may finish it (lib/oauth/state-cookie.ts, pendingFor).
    const startedBy = await connectingUser(request.headers);
    if (startedBy === "unknown")
      return NextResponse.redirect(
        new URL("/oauth/result?failure=store_unavailable", getConfig().appUrl),
        303,
      );
    const { url, cookie } = await startAuthorization(
      query,
      request.cookies.get(stateCookieName())?.value,
      startedBy,
    );
    const response = NextResponse.redirect(url, 303);
    response.cookies.set(cookie.name, cookie.value, cookie.options);
    response.headers.set("cache-control", "no-store");
    return response;
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("GET");
