import { rampSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { handleSimulateDeposit } from "@/lib/sandbox/pay/deposit-endpoint";

/** The deposit page's "Simulate deposit" button posts here. */
export async function POST(request: Request) {
  if (!rampSandboxEnabled()) return sandboxNotFound();
  return handleSimulateDeposit(request);
}
