import { guardLookupRequest } from "@/lib/abuse/guard-lookup";
import { requireGuestUser } from "@/lib/guest/guest-user";
import { AgreementSchema } from "@/lib/guest/schemas";
import { acceptAgreement } from "@/lib/guest/verification";
import { handle, json } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { refuseOtherMethods } from "@/lib/http/other-methods";

/** `POST /api/guest/agreement`: records when the user accepted Coinbase's guest terms. */
export async function POST(request: Request) {
  return handle(request, async () => {
    await guardLookupRequest(request);
    const user = await requireGuestUser(request);
    await readJsonBody(request, AgreementSchema);
    await acceptAgreement(user);
    return json({ accepted: true });
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
