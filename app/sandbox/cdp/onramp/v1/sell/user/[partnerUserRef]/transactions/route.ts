import { rampSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { handleListSellTransactions } from "@/lib/sandbox/cdp/transactions-endpoint";

export async function GET(
  request: Request,
  context: { params: Promise<{ partnerUserRef: string }> },
) {
  if (!rampSandboxEnabled()) return sandboxNotFound();
  return handleListSellTransactions(request, (await context.params).partnerUserRef);
}
