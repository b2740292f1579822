import { handle, json } from "@/lib/http/handle";
import { receiveWebhook } from "@/lib/webhooks/receive";
import { refuseOtherMethods } from "@/lib/http/other-methods";

/**
 * `POST /api/webhooks/coinbase`: Coinbase's ramp events (webhook docs). A signed event gets 200
 * (a repeat too, changing nothing); a bad signature 401, with nothing stored.
 */
export async function POST(request: Request) {
  return handle(request, async () => json(await receiveWebhook(request)));
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
