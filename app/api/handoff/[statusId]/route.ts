import { z } from "zod";
import { guardHandoffStatusRequest } from "@/lib/abuse/guard-lookup";
import { requireCaller } from "@/lib/auth/require-caller";
import { handle, json } from "@/lib/http/handle";
import { refuseOtherMethods } from "@/lib/http/other-methods";
import { readQuery } from "@/lib/http/read-query";
import { revokeHandoff } from "@/lib/ramp/handoff";
import { handoffState } from "@/lib/ramp/handoff-status";

type Params = { params: Promise<{ statusId: string }> };

/**
 * `GET /api/handoff/<statusId>`: `{ state }` of a phone link the caller made (waiting, opened,
 * revoked or expired), for the panel showing its QR code, which asks every 3 s: an allowance
 * per client well above that (guard-lookup.ts).
 */
export async function GET(request: Request, { params }: Params) {
  return handle(request, async () => {
    await guardHandoffStatusRequest(request);
    const caller = await requireCaller(request);
    const { statusId } = await params;
    const owner = caller.kind === "user" ? caller.userId : null;
    return json({ state: await handoffState(statusId, owner) });
  });
}

// Why the link ends, for the phone to be told: the form changed (the default), or the computer
// went on to Coinbase with the link's values itself.
const RevokeQuerySchema = z.object({ reason: z.enum(["changed", "continued"]).default("changed") });

/**
 * `DELETE /api/handoff/<statusId>[?reason=continued]`: the form that made the link changed, or
 * went on to Coinbase itself, so the link stops working. `{ state }`: `revoked`, or `opened`
 * when the phone was first, or `expired`. It reads the shared store as `GET` does, and counts
 * against the same allowance.
 */
export async function DELETE(request: Request, { params }: Params) {
  return handle(request, async () => {
    await guardHandoffStatusRequest(request);
    const caller = await requireCaller(request);
    const { reason } = readQuery(request, RevokeQuerySchema);
    const { statusId } = await params;
    const owner = caller.kind === "user" ? caller.userId : null;
    return json({ state: await revokeHandoff(statusId, owner, reason) });
  });
}

export const { POST, PUT, PATCH, OPTIONS } = refuseOtherMethods("GET", "DELETE");
