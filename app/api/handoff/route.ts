import { z } from "zod";
import { guardMintingRequest } from "@/lib/abuse/guard-minting";
import { spendQuoteCeiling } from "@/lib/abuse/guard-quote";
import { partnerUserRefOf, requireCaller } from "@/lib/auth/require-caller";
import { handle, json } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { createHandoff } from "@/lib/ramp/handoff";
import { OfframpRequestSchema, OnrampRequestSchema } from "@/lib/ramp/schemas";
import { refuseOtherMethods } from "@/lib/http/other-methods";

// Field issues come out as `request.address` and the like, as for the ramp routes.
const Body = z.discriminatedUnion("side", [
  z.object({ side: z.literal("buy"), request: OnrampRequestSchema }).strict(),
  z.object({ side: z.literal("sell"), request: OfframpRequestSchema }).strict(),
]);

/** `POST /api/handoff {side, request}`: a one-time link (and its QR code) that mints on the phone, for the caller's user only. */
export async function POST(request: Request) {
  return handle(request, async () => {
    await guardMintingRequest(request);
    const caller = await requireCaller(request);
    const body = await readJsonBody(request, Body);
    const partnerUserRef = partnerUserRefOf(
      caller,
      body.request.partnerUserRef,
      "request.partnerUserRef",
    );
    // Its checks may ask Coinbase for a quote (an amount in the asset), as the form's do: the
    // instance's ceiling on quotes counts it. (The phone's mint spends the minting one.)
    await spendQuoteCeiling();
    return json(await createHandoff(body.side, body.request, partnerUserRef));
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
