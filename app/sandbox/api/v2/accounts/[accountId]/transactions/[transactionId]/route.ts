import { oauthSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { handleGetTransaction } from "@/lib/sandbox/oauth/transactions-endpoint";

type Context = { params: Promise<{ accountId: string; transactionId: string }> };

export async function GET(request: Request, { params }: Context) {
  if (!oauthSandboxEnabled()) return sandboxNotFound();
  const { accountId, transactionId } = await params;
  return handleGetTransaction(request, accountId, transactionId);
}
