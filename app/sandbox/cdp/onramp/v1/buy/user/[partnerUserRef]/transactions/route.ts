import { rampSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { handleListBuyTransactions } from "@/lib/sandbox/cdp/transactions-endpoint";

export async function GET(
  request: Request,
  context: { params: Promise<{ partnerUserRef: string }> },
) {
  if (!rampSandboxEnabled()) return sandboxNotFound();
  return handleListBuyTransactions(request, (await context.params).partnerUserRef);
}
