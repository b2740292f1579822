import { rampSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { handleBuyQuote } from "@/lib/sandbox/cdp/quote-endpoint";

export async function POST(request: Request) {
  if (!rampSandboxEnabled()) return sandboxNotFound();
  return handleBuyQuote(request);
}
