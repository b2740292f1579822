import { rampSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { handleExpireSale } from "@/lib/sandbox/pay/deposit-endpoint";

/** The deposit page's "Let it expire now" button posts here. */
export async function POST(request: Request) {
  if (!rampSandboxEnabled()) return sandboxNotFound();
  return handleExpireSale(request);
}
