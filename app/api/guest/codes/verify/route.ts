import { guardMintingRequest, spendMintingCeiling } from "@/lib/abuse/guard-minting";
import { requireGuestUser } from "@/lib/guest/guest-user";
import { SubmitCodeSchema } from "@/lib/guest/schemas";
import { submitCode } from "@/lib/guest/verification";
import { handle, json } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { refuseOtherMethods } from "@/lib/http/other-methods";

/** `POST /api/guest/codes/verify`: the code the user received; stores the verified-at time. */
export async function POST(request: Request) {
  return handle(request, async () => {
    await guardMintingRequest(request);
    const user = await requireGuestUser(request);
    const input = await readJsonBody(request, SubmitCodeSchema);
    await spendMintingCeiling();
    await submitCode(user, input);
    return json({ verified: input.channel });
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
