// `npm run db:migrate`: applies the checked-in migrations to the configured database
// (DATABASE_URL, or the embedded one under PGLITE_DIR), as the server does at start.
import { loadEnvConfig } from "@next/env";
import { ConfigError, getConfig, readToolConfig } from "@/lib/config/env";
import { getDatabase } from "@/lib/db/client";
import { DatabaseStartError, databaseLocation, prepareDatabase } from "@/lib/db/prepare";

async function main() {
  // The same .env files the app reads (.env.local first), so DATABASE_URL set there is the
  // database migrated, not the embedded one.
  loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
  try {
    // A deploy's migration job may run without the server's mail and session settings.
    readToolConfig();
    await prepareDatabase();
    console.log(`Migrations applied to ${databaseLocation(getConfig().database)}.`);
  } catch (error) {
    // What is wrong, plainly: a stack trace would read as a crash of this tool.
    const plain = error instanceof DatabaseStartError || error instanceof ConfigError;
    console.error(plain ? error.message : error);
    process.exitCode = 1;
  } finally {
    // A server's migrations had a pool of their own, closed already; the embedded one stays
    // open, unless it could not be opened (another process holds it): nothing to close then.
    // (A configuration error was said above: the configuration is not read a second time.)
    if (!process.exitCode && !getConfig().database.url) await getDatabase().close();
  }
}

void main();
