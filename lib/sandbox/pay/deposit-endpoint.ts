import "server-only";
import { simulateDeposit } from "../cdp/transactions";

/** POST /sandbox/pay/deposit/simulate (form `transactionId`): the deposit "arrives", then back to the deposit page. */
export async function handleSimulateDeposit(request: Request, now = Date.now()): Promise<Response> {
  const form = await request.formData().catch(() => null);
  const id = form?.get("transactionId");
  if (typeof id !== "string" || id === "" || id.length > 100)
    return new Response("Bad request", { status: 400 });
  // Whatever the outcome, the deposit page explains it (unknown, cancelled, not a sale, received).
  simulateDeposit(id, now);
  return new Response(null, {
    status: 303,
    headers: { location: `/sandbox/pay/deposit?transactionId=${encodeURIComponent(id)}` },
  });
}
