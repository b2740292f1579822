import { guardMintingRequest } from "@/lib/abuse/guard-minting";
import { handle, json } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { createOfframpUrl } from "@/lib/ramp/create-ramp-url";
import { OfframpRequestSchema } from "@/lib/ramp/schemas";

export async function POST(request: Request) {
  return handle(request, async () => {
    const clientIp = await guardMintingRequest(request);
    const input = await readJsonBody(request, OfframpRequestSchema);
    return json(await createOfframpUrl(input, clientIp));
  });
}
