import type { NextRequest } from "next/server";
import { z } from "zod";
import { guardLookupRequest } from "@/lib/abuse/guard-lookup";
import { handle, json } from "@/lib/http/handle";
import { readQuery } from "@/lib/http/read-query";
import { readerOf, readTransactions } from "@/lib/ledger/read-transactions";
import { sideField } from "@/lib/ramp/field-rules";
import { ORDER_ID } from "@/lib/ramp/return-order";
import { PartnerUserRefSchema } from "@/lib/ramp/schemas";
import { refuseOtherMethods } from "@/lib/http/other-methods";

const Query = z.object({
  side: sideField,
  partnerUserRef: PartnerUserRefSchema.optional(),
  order: z.string().regex(ORDER_ID, "order must be an order id").optional(),
});

/**
 * `GET /api/transactions?side=buy|sell[&order=<id>]`: the caller's ramps of that side from
 * the ledger, newest first (and the order named, however old, when it is the caller's). A
 * signed-in user's own; a partner server's user named in `partnerUserRef`; a phone from a
 * hand-off link, the one transaction it started.
 */
export async function GET(request: NextRequest) {
  return handle(request, async () => {
    await guardLookupRequest(request);
    const { side, partnerUserRef, order } = readQuery(request, Query);
    const reader = await readerOf(request, partnerUserRef);
    const transactions = await readTransactions(reader, side, order);
    // The server's clock: a page judges "over an hour" by it, not by the browser's (may be off).
    return json({ transactions, now: Date.now() });
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("GET");
