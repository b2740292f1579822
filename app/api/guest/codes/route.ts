import { guardMintingRequest } from "@/lib/abuse/guard-minting";
import { requireGuestUser } from "@/lib/guest/guest-user";
import { SendCodeSchema } from "@/lib/guest/schemas";
import { sendCode } from "@/lib/guest/verification";
import { handle, json } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { refuseOtherMethods } from "@/lib/http/other-methods";

/** `POST /api/guest/codes`: Coinbase sends a one-time code to the phone (sms) or the user's email. */
export async function POST(request: Request) {
  return handle(request, async () => {
    await guardMintingRequest(request);
    const user = await requireGuestUser(request);
    const input = await readJsonBody(request, SendCodeSchema);
    // sendCode spends the instance's ceiling once the code's own limits let it go out.
    return json(await sendCode(user, input));
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
