import { oauthSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { handleListTransactions, handleSend } from "@/lib/sandbox/oauth/transactions-endpoint";

type Context = { params: Promise<{ accountId: string }> };

export async function POST(request: Request, { params }: Context) {
  if (!oauthSandboxEnabled()) return sandboxNotFound();
  return handleSend(request, (await params).accountId);
}

export async function GET(request: Request, { params }: Context) {
  if (!oauthSandboxEnabled()) return sandboxNotFound();
  return handleListTransactions(request, (await params).accountId);
}
