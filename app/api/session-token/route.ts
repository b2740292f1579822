import { getConfig } from "@/lib/config/env";
import { mintSessionToken } from "@/lib/cdp/session-token";
import { publicClientIp } from "@/lib/http/client-ip";
import { handle, json } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { SessionTokenRequestSchema } from "@/lib/ramp/schemas";

export async function POST(request: Request) {
  return handle(async () => {
    const input = await readJsonBody(request, SessionTokenRequestSchema);
    const clientIp = publicClientIp(request.headers, getConfig().trustProxyHeaders);
    return json(await mintSessionToken(input, clientIp));
  });
}
