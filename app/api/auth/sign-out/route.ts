import { assertAllowedOrigin } from "@/lib/abuse/origin-policy";
import { signOut } from "@/lib/auth/sign-in";
import { handle, json } from "@/lib/http/handle";
import { withSetCookies } from "@/lib/http/set-cookies";
import { endCoinbaseSession } from "@/lib/oauth/end-session";
import { refuseOtherMethods } from "@/lib/http/other-methods";

/**
 * `POST /api/auth/sign-out`: ends the session (in the database too) and clears its cookie,
 * and ends this browser's Coinbase connection as well: someone signing out of a shared
 * computer leaves nothing of theirs behind.
 */
export async function POST(request: Request) {
  return handle(request, async () => {
    assertAllowedOrigin(request);
    await endCoinbaseSession();
    return withSetCookies(json({ signedIn: false }), await signOut(request));
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
