import "server-only";
import { linkSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * One process per embedded database. PGlite locks nothing: a second process on the same
 * folder (a second `npm run dev`, `npm run db:migrate` while one runs) opens it too, each
 * writes over the other's files, and the database is corrupt. So a lock file beside the
 * folder (`<PGLITE_DIR>.lock`) names the process holding it; a second process is refused at
 * start, by name; a lock whose process has died (killed, crashed) is taken over.
 * Returns what releases it (also done when the process exits).
 */
export function lockEmbeddedDatabase(pgliteDir: string): () => void {
  const lock = `${path.resolve(pgliteDir)}.lock`;
  for (let attempt = 0; ; attempt++) {
    const holder = placeLock(lock);
    if (holder === process.pid) break;
    if (holder !== null && isRunning(holder))
      throw new Error(
        `process ${holder} is using it (another server, or npm run db:migrate): stop that one, ` +
          `or give this one a PGLITE_DIR of its own, or use DATABASE_URL. ` +
          `If no such process runs, delete ${lock}`,
      );
    // Left by a process that is gone: taken over, once (another may be taking it just now).
    if (attempt > 0) throw new Error(`its lock ${lock} keeps changing hands: try again`);
    removeIfAbandoned(lock);
  }
  const release = () => {
    if (readHolder(lock) === process.pid) rmSync(lock, { force: true });
  };
  process.once("exit", release);
  return release;
}

/**
 * Removes the lock if its holder, read again, is gone. Two processes that both found the same
 * dead holder would otherwise each remove "its" lock, the second the first's new one, and both
 * open the folder: so a lock is only ever removed under a second lock file (`.takeover`),
 * and only once the holder has been read again under it.
 */
export function removeIfAbandoned(lock: string): void {
  const guard = `${lock}.takeover`;
  try {
    writeFileSync(guard, String(process.pid), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as { code?: string }).code !== "EEXIST") throw error;
    throw new Error(
      `another process is taking over its lock ${lock}: try again (if none is, delete ${guard})`,
    );
  }
  try {
    const holder = readHolder(lock);
    if (holder === null || !isRunning(holder)) rmSync(lock, { force: true });
  } finally {
    rmSync(guard, { force: true });
  }
}

/** Puts this process's lock in place unless one is there; the pid in the lock either way. */
function placeLock(lock: string): number | null {
  // Written whole aside, then linked in place: a reader never sees a half-written pid.
  const aside = `${lock}.${process.pid}.tmp`;
  writeFileSync(aside, String(process.pid), { mode: 0o600 });
  try {
    linkSync(aside, lock);
    return process.pid;
  } catch (error) {
    if ((error as { code?: string }).code !== "EEXIST") throw error;
    return readHolder(lock);
  } finally {
    unlinkSync(aside);
  }
}

function readHolder(lock: string): number | null {
  try {
    const pid = Number(readFileSync(lock, "utf8"));
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as { code?: string }).code === "EPERM";
  }
}
