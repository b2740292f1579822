import "server-only";
import { CdpKeyError } from "@/lib/cdp/api-key";
import { writeSandboxKeyFile } from "@/lib/cdp/sandbox-key-file";
import { getCdpJwtKey } from "@/lib/cdp/signing-key";
import { DatabaseStartError, prepareDatabase } from "@/lib/db/prepare";
import { log } from "@/lib/log/logger";
import { ConfigError, getConfig } from "./env";
import { configWarnings } from "./warnings";

/**
 * Validates the configuration, loads the CDP key and migrates the database when the server starts, so a bad
 * value stops it at once with a message naming the variable, instead of failing on the
 * first user's request. The message never contains a value.
 */
export async function validateAtStartup() {
  try {
    for (const warning of configWarnings(getConfig(), process.env.NODE_ENV))
      log("warn", "config_warning", { ...warning });
    await getCdpJwtKey();
    if (getConfig().ramp.mode === "sandbox") await writeSandboxKeyFile();
    await prepareDatabase();
  } catch (error) {
    if (
      error instanceof ConfigError ||
      error instanceof CdpKeyError ||
      error instanceof DatabaseStartError
    ) {
      console.error(`\n${error.message}\nSee .env.local.example for every variable.\n`);
      process.exit(1);
    }
    throw error;
  }
}
