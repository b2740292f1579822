import { handle, json } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { connectedSession, withAccessToken } from "@/lib/oauth/fresh-token";
import { assertOwnOrigin } from "@/lib/oauth/same-origin";
import { SendSchema } from "@/lib/oauth/send-schema";
import { sendCrypto } from "@/lib/oauth/send-crypto";
import { refuseOtherMethods } from "@/lib/http/other-methods";

/** `POST /api/oauth/send`: a send from the connected Coinbase account (see lib/oauth/send-crypto.ts). */
export async function POST(request: Request) {
  return handle(request, async () => {
    assertOwnOrigin(request);
    const session = await connectedSession();
    const input = await readJsonBody(request, SendSchema);
    const transaction = await withAccessToken(session, (token) => sendCrypto(token, input));
    return json({ transaction }, 201);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
