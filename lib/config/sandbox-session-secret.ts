import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Sandbox mode without `SESSION_SECRET`: the secret that signs sessions and seals cookies is
 * made once and kept beside the embedded database (`<PGLITE_DIR>.session-secret`, readable by
 * this user only), so that restarting `npm run dev`, to apply an edit of `.env.local` say,
 * signs nobody out. Kept per database folder: each local server with its own database has its
 * own. Never used once anything is live: `SESSION_SECRET` is required then.
 */
export function keptSessionSecret(pgliteDir: string): string {
  const file = `${path.resolve(pgliteDir)}.session-secret`;
  const kept = readKept(file);
  if (kept) return kept;
  const made = randomBytes(32).toString("base64url");
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // "wx": a server starting at the same moment may have written one first; that one wins.
    writeFileSync(file, made, { mode: 0o600, flag: "wx" });
    return made;
  } catch {
    // Someone else's secret (read it), or a read-only disk (sessions last until a restart).
    return readKept(file) ?? made;
  }
}

function readKept(file: string): string | undefined {
  try {
    const secret = readFileSync(file, "utf8").trim();
    return secret.length >= 32 ? secret : undefined;
  } catch {
    return undefined;
  }
}
