import "server-only";
import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { Pool, PoolClient } from "pg";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import { log } from "@/lib/log/logger";
import { driverOf, type Database, type DatabaseHandle } from "./client";

/** The checked-in migrations, generated from `schema.ts` by drizzle-kit. */
export const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");

/** Applies the migrations not applied yet (drizzle records them in its own table). */
export async function migrateDatabase({ db, kind }: DatabaseHandle): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  // An embedded database belongs to one process: nothing else can migrate it meanwhile.
  if (kind === "pglite") return migratePglite(db as unknown as PgliteDatabase, config);
  await withMigrationLock(db, (connection) =>
    migratePostgres(drizzlePostgres({ client: connection }), config),
  );
}

// Any fixed number, the same in every instance: the key of the lock below.
const MIGRATION_LOCK_KEY = 7_240_131;

/**
 * Instances starting together (a rolling deploy) take turns: each applies what is still
 * pending once the one before has finished. Without it, two would both see a migration as
 * pending, and the second fail on tables the first had just made. A session lock, held by
 * the connection the migrations run on (one connection is all it takes), released, or
 * dropped with the connection, whatever happens.
 */
async function withMigrationLock(db: Database, migrate: (connection: PoolClient) => Promise<void>) {
  const connection = await (driverOf(db) as unknown as Pool).connect();
  let failure: Error | undefined;
  try {
    const { rows } = await connection.query<{ locked: boolean }>(
      "select pg_try_advisory_lock($1) as locked",
      [MIGRATION_LOCK_KEY],
    );
    if (!rows[0]?.locked) {
      // Said, so that an instance waiting at start on another's migration is not a mystery.
      log("info", "database_migration_waiting", { for: "another instance's migrations" });
      await connection.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    }
    await migrate(connection);
    await connection.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    // After a failure the connection is dropped, and its lock with it.
    connection.release(failure);
  }
}
