import "server-only";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { log } from "@/lib/log/logger";
import { getCdpSigningKey } from "./signing-key";

/**
 * In sandbox mode the CDP key is generated in memory at start, so a command-line tool in
 * another process (`npm run webhooks`) could not sign requests the sandbox accepts. The
 * server leaves the key here, readable by its own user only, in the shape of Coinbase's
 * downloaded key file. It is random per start (a stale file is simply refused), opens only
 * this machine's sandbox, and is never written in live mode. Only the command-line tool reads
 * it (read-sandbox-key-file.ts): the server never does.
 */
// Not a file the server needs to run: the comment keeps Next.js from copying it into the
// server's traced files (where a deployment would take a key along).
export const SANDBOX_KEY_FILE = path.join(
  /*turbopackIgnore: true*/ ".data",
  "sandbox-cdp-key.json",
);

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
