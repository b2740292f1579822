import { guardLookupRequest } from "@/lib/abuse/guard-lookup";
import { requireGuestUser } from "@/lib/guest/guest-user";
import { userLimits } from "@/lib/guest/user-limits";
import { handle, json } from "@/lib/http/handle";
import { refuseOtherMethods } from "@/lib/http/other-methods";

/** `GET /api/guest/limits`: what the user may still buy as a guest (Coinbase's figures). */
export async function GET(request: Request) {
  return handle(request, async () => {
    await guardLookupRequest(request);
    const user = await requireGuestUser(request);
    return json({ limits: await userLimits(user) });
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("GET");
