import "server-only";
import { expireSell, simulateDeposit } from "../cdp/transactions";

/**
 * POST /sandbox/pay/deposit/simulate and …/expire (form `transactionId`): the deposit
 * "arrives", or the sale's deadline passes now; then back to the deposit page.
 */
export async function handleSimulateDeposit(request: Request, now = Date.now()): Promise<Response> {
  return handleDepositAction(request, (id) => simulateDeposit(id, now));
}

export async function handleExpireSale(request: Request, now = Date.now()): Promise<Response> {
  return handleDepositAction(request, (id) => expireSell(id, now));
}

async function handleDepositAction(request: Request, act: (id: string) => unknown) {
  const form = await request.formData().catch(() => null);
  const id = form?.get("transactionId");
  if (typeof id !== "string" || id === "" || id.length > 100)
    return new Response("Bad request", { status: 400 });
  // Whatever the outcome, the deposit page explains it (unknown, cancelled, expired, not a
  // sale, received).
  act(id);
  return new Response(null, {
    status: 303,
    headers: { location: `/sandbox/pay/deposit?transactionId=${encodeURIComponent(id)}` },
  });
}
