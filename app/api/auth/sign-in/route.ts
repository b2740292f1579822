import { assertAllowedOrigin } from "@/lib/abuse/origin-policy";
import { signInWithCode } from "@/lib/auth/sign-in";
import { SignInSchema } from "@/lib/auth/sign-in-schema";
import { handle, json } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { withSetCookies } from "@/lib/http/set-cookies";
import { refuseOtherMethods } from "@/lib/http/other-methods";

/** `POST /api/auth/sign-in {email, code}`: signs in; the session lives in an httpOnly cookie. */
export async function POST(request: Request) {
  return handle(request, async () => {
    assertAllowedOrigin(request);
    const input = await readJsonBody(request, SignInSchema);
    const headers = await signInWithCode(request, input);
    return withSetCookies(json({ signedIn: true, email: input.email }), headers);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
