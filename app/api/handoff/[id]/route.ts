import { requireCaller } from "@/lib/auth/require-caller";
import { handle, json } from "@/lib/http/handle";
import { refuseOtherMethods } from "@/lib/http/other-methods";
import { handoffState } from "@/lib/ramp/handoff";

type Params = { params: Promise<{ id: string }> };

/** `GET /api/handoff/<id>`: `{ state }` of a phone link the caller made (waiting, opened or expired), for the panel showing its QR code. */
export async function GET(request: Request, { params }: Params) {
  return handle(request, async () => {
    const caller = await requireCaller(request);
    const { id } = await params;
    return json({ state: await handoffState(id, caller.kind === "user" ? caller.userId : null) });
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("GET");
