import "server-only";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { log } from "@/lib/log/logger";
import { parseCdpApiKey } from "./api-key";
import type { CdpJwtKey } from "./jwt";
import { getCdpSigningKey, toJwtKey } from "./signing-key";

/**
 * In sandbox mode the CDP key is generated in memory at start, so a command-line tool in
 * another process (`npm run webhooks`) could not sign requests the sandbox accepts. The
 * server leaves the key here, readable by its own user only, in the shape of Coinbase's
 * downloaded key file. It is random per start (a stale file is simply refused), opens only
 * this machine's sandbox, and is never written in live mode.
 */
export const SANDBOX_KEY_FILE = path.join(".data", "sandbox-cdp-key.json");

export async function writeSandboxKeyFile(file = SANDBOX_KEY_FILE): Promise<void> {
  const { keyId, privateKey } = getCdpSigningKey();
  const content = JSON.stringify({
    id: keyId,
    privateKey: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
  });
  try {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    // Written aside, then renamed: a reader never sees half a key.
    const aside = `${file}.${process.pid}.tmp`;
    await writeFile(aside, content, { mode: 0o600 });
    await rename(aside, file);
  } catch (error) {
    // A read-only disk only costs the command-line tool its access to the sandbox.
    log("warn", "sandbox_key_file_unwritten", { reason: (error as { code?: string }).code });
  }
}

/** The running sandbox's key, or null when no sandbox server has left one. */
export async function readSandboxKeyFile(file = SANDBOX_KEY_FILE): Promise<CdpJwtKey | null> {
  const content = await readFile(file, "utf8").catch(() => null);
  return content === null ? null : toJwtKey(parseCdpApiKey("", content));
}
