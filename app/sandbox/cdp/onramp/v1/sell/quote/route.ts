import { rampSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { handleSellQuote } from "@/lib/sandbox/cdp/quote-endpoint";

export async function POST(request: Request) {
  if (!rampSandboxEnabled()) return sandboxNotFound();
  return handleSellQuote(request);
}
