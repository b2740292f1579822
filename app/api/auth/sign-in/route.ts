import { cookies } from "next/headers";
import { assertAllowedOrigin } from "@/lib/abuse/origin-policy";
import { knownBrowserCookie, knownBrowserCookieName } from "@/lib/auth/known-browser";
import { signInWithCode } from "@/lib/auth/sign-in";
import { SignInSchema } from "@/lib/auth/sign-in-schema";
import { handle, json } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { withSetCookies } from "@/lib/http/set-cookies";
import { refuseOtherMethods } from "@/lib/http/other-methods";

/**
 * `POST /api/auth/sign-in {email, code}`: signs in; the session lives in an httpOnly cookie,
 * and the browser is remembered as one this user signs in with (lib/auth/known-browser.ts).
 */
export async function POST(request: Request) {
  return handle(request, async () => {
    assertAllowedOrigin(request);
    const input = await readJsonBody(request, SignInSchema);
    const jar = await cookies();
    const known = jar.get(knownBrowserCookieName())?.value;
    const headers = await signInWithCode(request, input, known);
    const remembered = await knownBrowserCookie(input.email);
    jar.set(remembered.name, remembered.value, remembered.options);
    return withSetCookies(json({ signedIn: true, email: input.email }), headers);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
