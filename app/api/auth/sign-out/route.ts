import { NextResponse } from "next/server";
import { assertAllowedOrigin } from "@/lib/abuse/origin-policy";
import { signOut } from "@/lib/auth/sign-in";
import { getConfig } from "@/lib/config/env";
import { handle, json } from "@/lib/http/handle";
import { withSetCookies } from "@/lib/http/set-cookies";
import { droppedStatusCapability } from "@/lib/ledger/status-capability";
import { coinbaseSessionToEnd } from "@/lib/oauth/end-session";
import { refuseOtherMethods } from "@/lib/http/other-methods";
import { markedSignedOut } from "@/lib/auth/signed-out-mark";

/**
 * `POST /api/auth/sign-out`: ends the session (in the database too) and the user's phone links
 * not yet opened, clears its cookie, ends this browser's Coinbase connection as well, and drops
 * a phone link's status cookie (lib/ledger/status-capability.ts): someone signing out of a
 * shared computer leaves nothing of theirs behind. Answers JSON to the page's script, and a 303
 * to the home page to the header's form posted before that script ran (a slow phone), marked
 * `signed_out=1`: that page's script then forgets the tab's drafts and tells the other tabs, as
 * the button's script does (components/auth/ViewerCheck.tsx).
 * `coinbaseRevoked: false` (and the Connect page's notice, not the home page) when Coinbase
 * could not be told to end the user's grant: it may still be alive there.
 */
export async function POST(request: Request) {
  return handle(request, async () => {
    assertAllowedOrigin(request);
    // Whose Coinbase connection this browser holds is read while the user is still signed in;
    // the grant is revoked only once the app session is gone (a refused sign-out changes nothing).
    const connection = await coinbaseSessionToEnd();
    const signedOut = await signOut(request);
    const coinbase = await connection.end();
    // A browser posts a form without a script as application/x-www-form-urlencoded.
    const fromForm = request.headers
      .get("content-type")
      ?.startsWith("application/x-www-form-urlencoded");
    // Where Coinbase could not be told, the Connect page's notice says what to do.
    const landing = coinbase.revoked ? "/" : "/connect?disconnected=local";
    const answer = fromForm
      ? NextResponse.redirect(markedSignedOut(landing, getConfig().appUrl), 303)
      : json({ signedIn: false, coinbaseRevoked: coinbase.revoked });
    const cleared = [coinbase.setCookies, droppedStatusCapability(), signedOut];
    return cleared.reduce((response, cookies) => withSetCookies(response, cookies), answer);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
