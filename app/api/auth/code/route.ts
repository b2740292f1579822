import { assertAllowedOrigin } from "@/lib/abuse/origin-policy";
import { sendSignInCode } from "@/lib/auth/sign-in";
import { SendCodeSchema } from "@/lib/auth/sign-in-schema";
import { handle, json } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { refuseOtherMethods } from "@/lib/http/other-methods";

/** `POST /api/auth/code {email}`: emails a sign-in code. The same answer for every address. */
export async function POST(request: Request) {
  return handle(request, async () => {
    assertAllowedOrigin(request);
    const { email } = await readJsonBody(request, SendCodeSchema);
    await sendSignInCode(request, email);
    return json({ sent: true });
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
