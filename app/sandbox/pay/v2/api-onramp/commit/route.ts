import { z } from "zod";
import { rampSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { commitPayment } from "@/lib/sandbox/onramp/payment-page";

const CommitSchema = z.object({
  sessionToken: z.string().min(1),
  action: z.enum(["pay", "decline"]),
});

/** The sandbox payment link's "Pay" and "Decline". */
export async function POST(request: Request) {
  if (!rampSandboxEnabled()) return sandboxNotFound();
  const parsed = CommitSchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) return Response.json({ error: "sessionToken and action" }, { status: 400 });
  const status = commitPayment(parsed.data.sessionToken, parsed.data.action);
  return status
    ? Response.json({ status })
    : Response.json({ error: "This order can no longer be paid" }, { status: 409 });
}
