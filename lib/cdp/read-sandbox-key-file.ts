import "server-only";
import { readFile } from "node:fs/promises";
import { parseCdpApiKey } from "./api-key";
import type { CdpJwtKey } from "./jwt";
import { SANDBOX_KEY_FILE } from "./sandbox-key-file";
import { toJwtKey } from "./signing-key";

/**
 * The running sandbox's key, or null when no sandbox server has left one: for command-line
 * tools (`npm run webhooks`) only. Kept out of every module the server loads: Next.js cannot
 * tell which file a read of a path chosen at run time opens, so it would copy the whole
 * project (the embedded database, kept secrets, tests) into the server's traced files.
 */
export async function readSandboxKeyFile(file = SANDBOX_KEY_FILE): Promise<CdpJwtKey | null> {
  const content = await readFile(file, "utf8").catch(() => null);
  return content === null ? null : toJwtKey(parseCdpApiKey("", content));
}
