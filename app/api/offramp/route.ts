import { getConfig } from "@/lib/config/env";
import { publicClientIp } from "@/lib/http/client-ip";
import { handle, json } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { createOfframpUrl } from "@/lib/ramp/create-ramp-url";
import { OfframpRequestSchema } from "@/lib/ramp/schemas";

export async function POST(request: Request) {
  return handle(async () => {
    const input = await readJsonBody(request, OfframpRequestSchema);
    const clientIp = publicClientIp(request.headers, getConfig().trustProxyHeaders);
    return json(await createOfframpUrl(input, clientIp));
  });
}
