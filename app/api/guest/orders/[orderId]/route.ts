import { guardLookupRequest } from "@/lib/abuse/guard-lookup";
import { requireGuestUser } from "@/lib/guest/guest-user";
import { refreshOrder } from "@/lib/guest/orders";
import { AppError } from "@/lib/http/app-error";
import { handle, json } from "@/lib/http/handle";
import { toRampTransaction } from "@/lib/ledger/to-ramp-transaction";
import { refuseOtherMethods } from "@/lib/http/other-methods";

/** `GET /api/guest/orders/{orderId}`: the order as Coinbase has it now, and its ledger row. */
export async function GET(request: Request, { params }: { params: Promise<{ orderId: string }> }) {
  return handle(request, async () => {
    await guardLookupRequest(request);
    const user = await requireGuestUser(request);
    const { orderId } = await params;
    const found = /^[a-f0-9-]{36}$/.test(orderId) ? await refreshOrder(user, orderId) : null;
    if (!found) throw new AppError("not_found", "No guest order of yours has this id");
    return json({ order: found.order, transaction: toRampTransaction(found.row) });
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("GET");
