import "server-only";
import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { DatabaseHandle } from "./client";

/** The checked-in migrations, generated from `schema.ts` by drizzle-kit. */
export const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");

/** Applies the migrations not applied yet (drizzle records them in its own table). */
export async function migrateDatabase({ db, kind }: DatabaseHandle): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  if (kind === "pglite") await migratePglite(db as unknown as PgliteDatabase, config);
  else await migratePostgres(db as unknown as NodePgDatabase, config);
}
