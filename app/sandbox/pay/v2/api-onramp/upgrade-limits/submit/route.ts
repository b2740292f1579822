import { rampSandboxEnabled, sandboxNotFound } from "@/lib/sandbox/enabled";
import { handleUpgradeForm } from "@/lib/sandbox/onramp/upgrade-page";

/** The hosted upgrade page's "Submit": back to the page, which shows the outcome. */
export async function POST(request: Request) {
  if (!rampSandboxEnabled()) return sandboxNotFound();
  return handleUpgradeForm(request);
}
