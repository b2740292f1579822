import type { NextRequest } from "next/server";
import { guardMintingRequest } from "@/lib/abuse/guard-minting";
import { handle, json } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { resolveUserRef } from "@/lib/ramp/assign-user-ref";
import { createOnrampUrl } from "@/lib/ramp/create-ramp-url";
import { OnrampRequestSchema } from "@/lib/ramp/schemas";

export async function POST(request: NextRequest) {
  return handle(request, async () => {
    const clientIp = await guardMintingRequest(request);
    const input = await readJsonBody(request, OnrampRequestSchema);
    const user = resolveUserRef(request, input.partnerUserRef);
    const response = json(await createOnrampUrl(input, user.ref, clientIp));
    user.remember(response);
    return response;
  });
}
