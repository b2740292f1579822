import { guardMintingRequest, spendMintingCeiling } from "@/lib/abuse/guard-minting";
import { partnerUserRefOf, requireCaller, returnPageOf } from "@/lib/auth/require-caller";
import { handle, json } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { createOfframpUrl } from "@/lib/ramp/create-ramp-url";
import { OfframpRequestSchema } from "@/lib/ramp/schemas";
import { refuseOtherMethods } from "@/lib/http/other-methods";

export async function POST(request: Request) {
  return handle(request, async () => {
    const clientIp = await guardMintingRequest(request);
    const caller = await requireCaller(request);
    const input = await readJsonBody(request, OfframpRequestSchema);
    const partnerUserRef = partnerUserRefOf(caller, input.partnerUserRef);
    const returnPage = returnPageOf(caller, "sell", input.redirectUrl);
    await spendMintingCeiling();
    return json(await createOfframpUrl(input, { partnerUserRef, returnPage }, clientIp));
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
