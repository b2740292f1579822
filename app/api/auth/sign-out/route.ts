import { assertAllowedOrigin } from "@/lib/abuse/origin-policy";
import { signOut } from "@/lib/auth/sign-in";
import { handle, json } from "@/lib/http/handle";
import { withSetCookies } from "@/lib/http/set-cookies";

/** `POST /api/auth/sign-out`: ends the session (in the database too) and clears its cookie. */
export async function POST(request: Request) {
  return handle(request, async () => {
    assertAllowedOrigin(request);
    return withSetCookies(json({ signedIn: false }), await signOut(request));
  });
}
