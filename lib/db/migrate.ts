import "server-only";
import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { Pool } from "pg";
import { driverOf, type Database, type DatabaseHandle } from "./client";

/** The checked-in migrations, generated from `schema.ts` by drizzle-kit. */
export const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");

/** Applies the migrations not applied yet (drizzle records them in its own table). */
export async function migrateDatabase({ db, kind }: DatabaseHandle): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  // An embedded database belongs to one process: nothing else can migrate it meanwhile.
  if (kind === "pglite") return migratePglite(db as unknown as PgliteDatabase, config);
  await whileHoldingMigrationLock(db, () =>
    migratePostgres(db as unknown as NodePgDatabase, config),
  );
}

// Any fixed number, the same in every instance: the key of the lock below.
const MIGRATION_LOCK_KEY = 7_240_131;

/**
 * Instances starting together (a rolling deploy) take turns: each applies what is still
 * pending once the one before has finished. Without it, two would both see a migration as
 * pending, and the second fail on tables the first had just made. A session lock, on a
 * connection of its own, released (or dropped with the connection) whatever happens.
 */
async function whileHoldingMigrationLock(db: Database, migrate: () => Promise<void>) {
  const lock = await (driverOf(db) as unknown as Pool).connect();
  try {
    await lock.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await migrate();
  } finally {
    await lock.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    lock.release();
  }
}
