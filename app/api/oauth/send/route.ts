import { cookies } from "next/headers";
import { handle, json } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { assertOwnOrigin } from "@/lib/oauth/same-origin";
import { SendSchema } from "@/lib/oauth/send-schema";
import { sendCrypto } from "@/lib/oauth/send-crypto";
import { sessionCookieName, unsealSession } from "@/lib/oauth/session-cookie";
import { sessionEnded } from "@/lib/oauth/token-client";

/** `POST /api/oauth/send`: a send from the connected Coinbase account (see lib/oauth/send-crypto.ts). */
export async function POST(request: Request) {
  return handle(request, async () => {
    assertOwnOrigin(request);
    const session = await unsealSession((await cookies()).get(sessionCookieName())?.value);
    if (!session) throw sessionEnded();
    const input = await readJsonBody(request, SendSchema);
    return json({ transaction: await sendCrypto(session.accessToken, input) }, 201);
  });
}
