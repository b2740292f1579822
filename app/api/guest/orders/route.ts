import { guardMintingRequest, spendMintingCeiling } from "@/lib/abuse/guard-minting";
import { requireGuestUser } from "@/lib/guest/guest-user";
import { orderStep } from "@/lib/guest/order-failure";
import { assertStillUnpaid, placeOrder } from "@/lib/guest/orders";
import { GuestOrderSchema } from "@/lib/guest/schemas";
import { assertWithinLimits } from "@/lib/guest/user-limits";
import { handle, json } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { refuseOtherMethods } from "@/lib/http/other-methods";

/** `POST /api/guest/orders`: the guest order, and the payment link to embed. */
export async function POST(request: Request) {
  return handle(request, async () => {
    // Until Coinbase is asked for the order, a failure placed none, and says so.
    const { clientIp, user, input } = await orderStep("before", async () => {
      const clientIp = await guardMintingRequest(request);
      const user = await requireGuestUser(request);
      const input = await readJsonBody(request, GuestOrderSchema);
      if (input.replaces) await assertStillUnpaid(user, input.replaces);
      await assertWithinLimits(user, input.amount);
      await spendMintingCeiling();
      return { clientIp, user, input };
    });
    return json(await placeOrder(user, input, clientIp), 201);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
