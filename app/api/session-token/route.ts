import { guardMintingRequest, spendMintingCeiling } from "@/lib/abuse/guard-minting";
import { requireCaller } from "@/lib/auth/require-caller";
import { mintSessionToken } from "@/lib/cdp/session-token";
import { handle, json } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { SessionTokenRequestSchema } from "@/lib/ramp/schemas";
import { refuseOtherMethods } from "@/lib/http/other-methods";

export async function POST(request: Request) {
  return handle(request, async () => {
    const clientIp = await guardMintingRequest(request);
    await requireCaller(request);
    const input = await readJsonBody(request, SessionTokenRequestSchema);
    await spendMintingCeiling();
    return json(await mintSessionToken(input, clientIp));
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
