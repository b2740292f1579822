import "server-only";
import { getConfig } from "@/lib/config/env";
import { generateSandboxKey, parseCdpApiKey, type CdpSigningKey } from "./api-key";

// Parsed once per process and shared by every bundle Next builds: importing a key is
// costly and must stay off the request path.
const KEY = Symbol.for("coinbase-reference.cdp-signing-key");
type GlobalWithKey = typeof globalThis & { [KEY]?: CdpSigningKey };

/**
 * The key that signs CDP requests: the operator's key in live mode, or one generated in
 * memory at start in sandbox mode (the sandbox verifies with its public half).
 */
export function getCdpSigningKey(): CdpSigningKey {
  const g = globalThis as GlobalWithKey;
  if (!g[KEY]) {
    const { apiKey } = getConfig().ramp;
    g[KEY] = apiKey ? parseCdpApiKey(apiKey.id, apiKey.secret) : generateSandboxKey();
  }
  return g[KEY];
}
