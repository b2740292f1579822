// `npm run db:migrate`: applies the checked-in migrations to the configured database
// (DATABASE_URL, or the embedded one under PGLITE_DIR), as the server does at start.
import { getDatabase } from "@/lib/db/client";
import { DatabaseStartError, prepareDatabase } from "@/lib/db/prepare";

async function main() {
  try {
    await prepareDatabase();
    console.log(`Migrations applied (${getDatabase().kind}).`);
  } catch (error) {
    console.error(error instanceof DatabaseStartError ? error.message : error);
    process.exitCode = 1;
  } finally {
    await getDatabase().close();
  }
}

void main();
