import "server-only";
import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { log } from "@/lib/log/logger";

/**
 * Sandbox mode without `SESSION_SECRET`: the secret that signs sessions and seals cookies is
 * made once and kept beside the embedded database (`<PGLITE_DIR>.session-secret`, readable by
 * this user only), so that restarting `npm run dev`, to apply an edit of `.env.local` say,
 * signs nobody out. Kept per database folder: each local server with its own database has its
 * own. An in-memory database (`memory://`) forgets its sessions anyway: a fresh secret. Never
 * used once anything is live: `SESSION_SECRET` is required then.
 */
export function keptSessionSecret(pgliteDir: string): string {
  const made = randomBytes(32).toString("base64url");
  if (pgliteDir.includes("://")) return made;
  const file = `${path.resolve(pgliteDir)}.session-secret`;
  const kept = readKept(file);
  if (kept) return kept;
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // Written whole aside, then put in place: a reader never sees half a secret.
    const aside = `${file}.${process.pid}.tmp`;
    writeFileSync(aside, made, { mode: 0o600 });
    try {
      // Only if none is there: a server starting at the same moment may have kept one first.
      linkSync(aside, file);
    } catch (error) {
      if ((error as { code?: string }).code !== "EEXIST") throw error;
      const theirs = readKept(file);
      if (!theirs) {
        renameSync(aside, file); // what is there is no secret (emptied, cut short): replaced
        return made;
      }
      rmSync(aside);
      return theirs;
    }
    rmSync(aside);
    return made;
  } catch (error) {
    // A read-only disk: sessions last until the next restart.
    log("warn", "sandbox_session_secret_unkept", { reason: (error as { code?: string }).code });
    return made;
  }
}

function readKept(file: string): string | undefined {
  try {
    const secret = readFileSync(file, "utf8").trim();
    return /^[\w-]{43}$/.test(secret) ? secret : undefined;
  } catch {
    return undefined;
  }
}
