import "server-only";
import { getConfig, type Mode } from "@/lib/config/env";
import { getDatabase, openDatabase } from "./client";
import { claimDatabaseMode } from "./database-mode";
import { migrateDatabase } from "./migrate";

/** Where the migrations went: the server's URL without its password, or the embedded folder. */
export function databaseLocation({ url, pgliteDir }: { url?: string; pgliteDir: string }): string {
  return url ? withoutPassword(url) : `${pgliteDir} (embedded, PGLITE_DIR)`;
}

/** Why the database could not be prepared at start; the message never holds a password. */
export class DatabaseStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseStartError";
  }
}

/**
 * Opens the database and applies pending migrations, at start (see `lib/config/startup.ts`),
 * so an unreachable database stops the server with a message naming `DATABASE_URL` instead
 * of failing on the first sign-in. `serving`: the server's start, which also claims the
 * database for its mode, so that sandbox data never meets live data (lib/db/database-mode.ts).
 * `npm run db:migrate` only migrates: a deploy's migration job may run without the keys.
 */
export async function prepareDatabase({ serving = false } = {}): Promise<void> {
  const { database } = getConfig();
  let handle: ReturnType<typeof getDatabase> | undefined;
  let holds: Mode = database.mode;
  try {
    // On a server, migrations get a pool of their own, without the app's statement limit.
    handle = database.url ? openDatabase(database, { forMigrations: true }) : getDatabase();
    await migrateDatabase(handle);
    if (serving) holds = await claimDatabaseMode(handle.db, database.mode);
  } catch (error) {
    throw new DatabaseStartError(databaseStartMessage(database, error));
  } finally {
    if (database.url) await handle?.close();
  }
  if (holds !== database.mode) throw new DatabaseStartError(otherModeMessage(database, holds));
}

/** The database holds the other mode's data: what it holds, and how to give this mode its own. */
export function otherModeMessage(
  database: { url?: string; pgliteDir: string },
  holds: Mode,
): string {
  const where = database.url ? `at ${withoutPassword(database.url)}` : `in ${database.pgliteDir}`;
  const another = database.url
    ? "Set DATABASE_URL to another database"
    : `Set PGLITE_DIR to another folder (e.g. ${database.pgliteDir}-${holds === "sandbox" ? "live" : "sandbox"}) or DATABASE_URL`;
  return holds === "sandbox"
    ? `The database ${where} holds sandbox data (users signed in through the sandbox inbox, the sandbox's transactions), and a CDP key or OAuth client is now set: live mode needs a database of its own. ${another}${database.url ? "" : `, or delete ${database.pgliteDir} to start afresh`}. (Live data in it already? See "Sandbox or live data" in docs/users-ledger-webhooks.md.)`
    : `The database ${where} holds live data (real users and their transactions), and no CDP key or OAuth client is set: sandbox mode must not use it, as its inbox lets anyone sign in as any user. ${another}, or set the keys again.`;
}

/** What went wrong, naming the variable to look at, with any password left out. */
export function databaseStartMessage(
  { url, pgliteDir }: { url?: string; pgliteDir: string },
  error: unknown,
): string {
  const reason = error instanceof Error ? rootMessage(error) : String(error);
  return url
    ? `DATABASE_URL: cannot reach or migrate the database at ${withoutPassword(url)}: ${reason}`
    : `The embedded database in ${pgliteDir} (PGLITE_DIR) could not be opened or migrated: ${reason}`;
}

/** The URL with its password masked: in the userinfo, or as pg also takes it, in the query. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    for (const name of ["password", "sslpassword"])
      if (parsed.searchParams.has(name)) parsed.searchParams.set(name, "***");
    return parsed.toString();
  } catch {
    return "(not a valid URL)";
  }
}

function rootMessage(error: Error): string {
  let e: unknown = error;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  // A driver's message can quote the connection string: strip any password from it.
  return (e instanceof Error ? e.message : String(e)).replace(
    /\/\/([^:/@\s]+):[^@\s]+@/g,
    "//$1:***@",
  );
}
