import type { NextRequest } from "next/server";
import { z } from "zod";
import { guardMintingRequest } from "@/lib/abuse/guard-minting";
import { handle, json } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { resolveUserRef } from "@/lib/ramp/assign-user-ref";
import { createHandoff } from "@/lib/ramp/handoff";
import { OfframpRequestSchema, OnrampRequestSchema } from "@/lib/ramp/schemas";

// Field issues come out as `request.address` and the like, as for the ramp routes.
const Body = z.discriminatedUnion("side", [
  z.object({ side: z.literal("buy"), request: OnrampRequestSchema }).strict(),
  z.object({ side: z.literal("sell"), request: OfframpRequestSchema }).strict(),
]);

/** `POST /api/handoff {side, request}`: a one-time link (and its QR code) that mints on the phone. */
export async function POST(request: NextRequest) {
  return handle(request, async () => {
    await guardMintingRequest(request);
    const body = await readJsonBody(request, Body);
    const user = resolveUserRef(request, body.request.partnerUserRef);
    const response = json(await createHandoff(body.side, body.request, user.ref));
    user.remember(response);
    return response;
  });
}
