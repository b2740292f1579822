import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/config/env";
import { handle } from "@/lib/http/handle";
import { finishCallback } from "@/lib/oauth/complete-authorization";
import { revokeReplacedSession } from "@/lib/oauth/end-session";
import { connectingUser } from "@/lib/oauth/session-owner";
import { sealResultDetail } from "@/lib/oauth/result-detail";
import { cookieOptions } from "@/lib/security/sealed-cookie";
import { sealSession, sessionCookieName } from "@/lib/oauth/session-cookie";
import { pendingFor, sealOthers, stateCookieName, unsealStates } from "@/lib/oauth/state-cookie";
import { refuseOtherMethods } from "@/lib/http/other-methods";

/** Where Coinbase sends the user back. Ends on /account or on an explained failure. */
export async function GET(request: NextRequest) {
  return handle(request, async () => {
    const { appUrl } = getConfig();
    // Who is signed in to the app now owns the Coinbase session (lib/oauth/session-owner.ts).
    // Asked before the state is spent: if the database cannot say, nothing is used up.
    const owner = await connectingUser(request.headers);
    if (owner === "unknown") {
      return NextResponse.redirect(new URL("/oauth/result?failure=store_unavailable", appUrl), 303);
    }
    // The sign-in this answers, among those this user has under way in this browser (other tabs).
    const started = await unsealStates(request.cookies.get(stateCookieName())?.value);
    const state = request.nextUrl.searchParams.get("state") ?? "";
    const pending = pendingFor(started, state, owner);
    const result = await finishCallback(request.nextUrl.searchParams, pending);

    const target = new URL(result.ok ? "/account" : "/oauth/result", appUrl);
    if (result.ok) target.searchParams.set("connected", "1");
    else target.searchParams.set("failure", result.failure);
    const response = NextResponse.redirect(target, 303);
    response.headers.set("cache-control", "no-store");
    // A junk callback (wrong state) leaves the real sign-in's state cookie alone; an
    // answered one is spent, the others under way kept.
    if (pending && (result.ok || result.failure !== "state_mismatch")) {
      const others = await sealOthers(started, pending);
      if (others) response.cookies.set(others.name, others.value, others.options);
      else response.cookies.set(stateCookieName(), "", cookieOptions(0));
    }
    // Coinbase's wording travels in a short sealed cookie, not the URL, so nobody can craft
    // a result link that puts their own text on our page.
    if (!result.ok && result.detail) {
      const cookie = await sealResultDetail(result.detail, result.failure);
      response.cookies.set(cookie.name, cookie.value, cookie.options);
    }
    if (result.ok) {
      const cookie = await sealSession({ ...result.session, userId: owner ?? undefined });
      response.cookies.set(cookie.name, cookie.value, cookie.options);
      await revokeReplacedSession(request.cookies.get(sessionCookieName())?.value);
    }
    return response;
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("GET");
