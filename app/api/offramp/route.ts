import type { NextRequest } from "next/server";
import { guardMintingRequest } from "@/lib/abuse/guard-minting";
import { handle, json } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { resolveUserRef } from "@/lib/ramp/assign-user-ref";
import { createOfframpUrl } from "@/lib/ramp/create-ramp-url";
import { OfframpRequestSchema } from "@/lib/ramp/schemas";

export async function POST(request: NextRequest) {
  return handle(request, async () => {
    const clientIp = await guardMintingRequest(request);
    const input = await readJsonBody(request, OfframpRequestSchema);
    const user = resolveUserRef(request, input.partnerUserRef);
    const response = json(await createOfframpUrl(input, user.ref, clientIp));
    user.remember(response);
    return response;
  });
}
