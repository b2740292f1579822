import "server-only";
import { CdpKeyError } from "@/lib/cdp/api-key";
import { writeSandboxKeyFile } from "@/lib/cdp/sandbox-key-file";
import { getCdpJwtKey } from "@/lib/cdp/signing-key";
import { DatabaseStartError, prepareDatabase } from "@/lib/db/prepare";
import { log } from "@/lib/log/logger";
import { smtpStartupWarning } from "@/lib/mail/send-mail";
import { getRedisClient } from "@/lib/store/get-store";
import { answersWithin } from "@/lib/store/redis-connection";
import { ConfigError, getConfig } from "./env";
import { configWarnings } from "./warnings";

/**
 * Validates the configuration, loads the CDP key and migrates the database when the server starts, so a bad
 * value stops it at once with a message naming the variable, instead of failing on the
 * first user's request. The message never contains a value.
 */
export async function validateAtStartup() {
  try {
    for (const warning of configWarnings(getConfig(), process.env.NODE_ENV, process.env.PORT))
      log("warn", "config_warning", { ...warning });
    await getCdpJwtKey();
    if (getConfig().ramp.mode === "sandbox") await writeSandboxKeyFile();
    await prepareDatabase({ serving: true });
    // Not fatal (what needs Redis answers 503 until it is there, and each instance limits on
    // its own), but said now, by name, rather than at a user's first phone link.
    const redis = getRedisClient();
    if (redis && !(await answersWithin(redis, 3_000)))
      log("warn", "config_warning", {
        variable: "REDIS_URL",
        message:
          "no answer within 3 s at start: phone links and Connect sign-in answer 503 store_unavailable until it answers. Check the host, the password, and rediss:// for a Redis that takes TLS only.",
      });
    // Not awaited: a mail server slow to answer does not hold up the start.
    void smtpStartupWarning().then(
      (warning) => warning && log("warn", "config_warning", { ...warning }),
    );
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
