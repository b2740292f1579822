import "server-only";
import { readSandboxKeyFile } from "@/lib/cdp/read-sandbox-key-file";
import { SANDBOX_KEY_FILE } from "@/lib/cdp/sandbox-key-file";
import { getCdpJwtKey } from "@/lib/cdp/signing-key";
import { ConfigError, getConfig } from "@/lib/config/env";
import type { PlatformClient } from "./subscriptions-api";

/**
 * What `npm run webhooks` calls with: the CDP key and platform host in live mode; in
 * sandbox mode the running app's sandbox, with the key that app left on disk at start
 * (see sandbox-key-file.ts). Nothing to call with: a ConfigError that says what to set.
 */
export async function platformClientFromConfig(
  keyFile = SANDBOX_KEY_FILE,
): Promise<PlatformClient> {
  const { ramp } = getConfig();
  if (ramp.mode === "live") {
    return {
      baseUrl: ramp.cdpPlatformApiBaseUrl,
      key: await getCdpJwtKey(),
      allowLoopbackHttp: false,
    };
  }
  const key = await readSandboxKeyFile(keyFile);
  if (!key) {
    throw new ConfigError([
      `CDP_API_KEY_ID and CDP_API_KEY_SECRET: not set. Set both (in .env.local) to manage your Coinbase webhook subscriptions, or start the app without them (npm run dev) to manage its sandbox's: it leaves its sandbox key in ${keyFile} for this command`,
    ]);
  }
  return { baseUrl: ramp.cdpPlatformApiBaseUrl, key, allowLoopbackHttp: true };
}
