import { guardQuoteRequest, spendQuoteCeiling } from "@/lib/abuse/guard-quote";
import { requireGuestUser } from "@/lib/guest/guest-user";
import { quoteOrder } from "@/lib/guest/orders";
import { GuestOrderSchema } from "@/lib/guest/schemas";
import { handle, json } from "@/lib/http/handle";
import { configuredClientIp } from "@/lib/http/client-ip";
import { readJsonBody } from "@/lib/http/read-json";
import { refuseOtherMethods } from "@/lib/http/other-methods";

/** `POST /api/guest/quote`: the price of a guest purchase (`isQuote`: nothing is created). */
export async function POST(request: Request) {
  return handle(request, async () => {
    await guardQuoteRequest(request);
    const user = await requireGuestUser(request);
    const input = await readJsonBody(request, GuestOrderSchema);
    await spendQuoteCeiling();
    const clientIp = configuredClientIp(request.headers);
    return json({ quote: await quoteOrder(user, input, clientIp) });
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
