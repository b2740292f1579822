import "server-only";
import { CdpKeyError } from "@/lib/cdp/api-key";
import { getCdpJwtKey } from "@/lib/cdp/signing-key";
import { ConfigError, getConfig } from "./env";

/**
 * Validates the configuration and loads the CDP key when the server starts, so a bad
 * value stops it at once with a message naming the variable, instead of failing on the
 * first user's request. The message never contains a value.
 */
export async function validateAtStartup() {
  try {
    getConfig();
    await getCdpJwtKey();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof CdpKeyError) {
      console.error(`\n${error.message}\nSee .env.local.example for every variable.\n`);
      process.exit(1);
    }
    throw error;
  }
}
