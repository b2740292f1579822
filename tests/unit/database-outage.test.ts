import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, type DatabaseHandle } from "../../lib/db/client";
import { isDatabaseUnavailable } from "../../lib/db/database-errors";
import { migrateDatabase } from "../../lib/db/migrate";
import { databaseStartMessage, withoutPassword } from "../../lib/db/prepare";
import { user } from "../../lib/db/schema";
import { aUser, backendPid, runDbMigrate, thrown } from "../support/database-tests";
import { havePostgres, startPostgres, type PostgresServer } from "../support/postgres-server";

/**
 * A Postgres server stopped, stalled or cut off under the data layer (a Postgres of this
 * file's own): an outage must be recognised as one (a 503, not a 500) and the pool must recover
 * by itself; and `npm run db:migrate` against it. The data layer itself: database.test.ts.
 */

describe("a Postgres outage", { skip: havePostgres ? undefined : "Postgres not installed" }, () => {
  let pg: PostgresServer;
  let handle: DatabaseHandle;
  before(async () => {
    pg = await startPostgres();
    handle = openDatabase({ url: pg.url, pgliteDir: "unused" });
    await migrateDatabase(handle);
  });
  after(async () => {
    await handle?.close();
    await pg?.destroy();
  });

  test("is recognised on a running query and on new ones, and the pool recovers", async () => {
    const running = thrown(() => handle.db.execute(sql`select pg_sleep(10)`));
    await new Promise((r) => setTimeout(r, 200));
    await pg.stop();
    const terminated = await running;
    assert.equal(isDatabaseUnavailable(terminated), true, String(terminated));

    const refused = await thrown(() => handle.db.select().from(user));
    assert.equal(isDatabaseUnavailable(refused), true, String(refused));

    await pg.start();
    assert.deepEqual(await handle.db.select().from(user), []);
  });

  test("a connection dropped under a transaction fails it as an outage, and nothing goes uncaught", async () => {
    const uncaught: unknown[] = [];
    const hear = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", hear);
    try {
      const dropped = await thrown(() =>
        handle.db.transaction(async (tx) => {
          const pid = await backendPid(tx);
          const sleeping = tx.execute(sql`select pg_sleep(5)`);
          await new Promise((r) => setTimeout(r, 200));
          // Another connection ends this one mid-statement, as a restart or a failover does.
          await handle.db.execute(sql`select pg_terminate_backend(${pid})`);
          await sleeping;
        }),
      );
      assert.equal(isDatabaseUnavailable(dropped), true, String(dropped));
      await new Promise((r) => setTimeout(r, 100)); // an unheard error comes on a later tick
      assert.deepEqual(uncaught.map(String), []);
      assert.deepEqual(await handle.db.select().from(user), []);
    } finally {
      process.off("uncaughtException", hear);
    }
  });

  test("a transaction whose server stops answering is given up on, and its connection with it", async () => {
    // A pool of its own, whose one connection the next transaction gets again, if it is kept.
    const own = openDatabase({ url: pg.url, pgliteDir: "unused" });
    let backend = 0;
    try {
      const stalled = await thrown(() =>
        own.db.transaction(async (tx) => {
          backend = await backendPid(tx);
          await tx.insert(user).values(aUser("abandoned@example.com"));
          // The server stops mid-statement (as a stall or a partition looks from here), for
          // longer than pg waits on a statement and then on the ROLLBACK queued behind it.
          setTimeout(() => process.kill(backend, "SIGSTOP"), 100);
          await tx.execute(sql`select pg_sleep(0.5)`);
        }),
      );
      assert.equal(isDatabaseUnavailable(stalled), true, String(stalled));
      process.kill(backend, "SIGCONT");
      backend = 0;
      await new Promise((r) => setTimeout(r, 1_000));

      // The next request works, on a connection of its own; the abandoned insert is not committed.
      await own.db.transaction((tx) => tx.insert(user).values(aUser("next@example.com")));
      const emails = (await handle.db.select({ email: user.email }).from(user)).map((u) => u.email);
      assert.deepEqual(emails, ["next@example.com"]);
    } finally {
      if (backend) process.kill(backend, "SIGCONT");
      await handle.db.delete(user);
      await own.close();
    }
  });

  test("the start message names DATABASE_URL and never holds the password", async () => {
    const closedPort = pg.url.replace(`:${pg.port}/`, ":1/");
    const wrongPassword = pg.url.replace(pg.password, "not-the-password");
    for (const url of [closedPort, wrongPassword]) {
      const unreachable = openDatabase({ url, pgliteDir: "unused" });
      const error = await thrown(() => migrateDatabase(unreachable));
      await unreachable.close();
      const message = databaseStartMessage({ url, pgliteDir: "unused" }, error);
      assert.match(message, /^DATABASE_URL: cannot reach or migrate the database at postgres:/);
      assert.ok(!message.includes(pg.password) && !message.includes("not-the-password"), message);
    }
  });

  test("npm run db:migrate applies the migrations, again, and fails clearly", async () => {
    const applied = `Migrations applied to ${withoutPassword(pg.url)}.`;
    assert.ok(!applied.includes(pg.password));
    assert.deepEqual(await dbMigrate(pg.url), { code: 0, output: applied });
    assert.deepEqual(await dbMigrate(pg.url), { code: 0, output: applied });

    const unreachable = await dbMigrate(pg.url.replace(`:${pg.port}/`, ":1/"));
    assert.equal(unreachable.code, 1);
    assert.match(
      unreachable.output,
      /^DATABASE_URL: cannot reach .*\/\/app:\*\*\*@127\.0\.0\.1:1\//,
    );
    assert.ok(!unreachable.output.includes(pg.password), unreachable.output);
  });

  test("npm run db:migrate reads DATABASE_URL from .env.local, as the app does", async () => {
    assert.deepEqual(await dbMigrate(pg.url, { envLocal: true }), {
      code: 0,
      output: `Migrations applied to ${withoutPassword(pg.url)}.`,
    });
  });

  test("a password given in the URL's query is masked too", () => {
    const url = "postgres://app@db.example/ramps?password=s3cret&sslpassword=k3y&sslmode=require";
    const masked = withoutPassword(url);
    assert.ok(!masked.includes("s3cret") && !masked.includes("k3y"), masked);
    assert.match(masked, /sslmode=require/);
  });
});

/**
 * Runs `npm run db:migrate` in sandbox mode, with DATABASE_URL in its environment, or with
 * `envLocal` only in a `.env.local` it must read itself (from a scratch copy of the project's
 * layout, so no developer's own .env.local is touched).
 */
async function dbMigrate(
  url: string,
  { envLocal = false } = {},
): Promise<{ code: number | null; output: string }> {
  let cwd = process.cwd();
  if (envLocal) {
    cwd = mkdtempSync(path.join(tmpdir(), "db-migrate-"));
    for (const name of [
      "package.json",
      "tsconfig.json",
      "node_modules",
      "lib",
      "scripts",
      "drizzle",
    ])
      symlinkSync(path.resolve(name), path.join(cwd, name));
    writeFileSync(path.join(cwd, ".env.local"), `DATABASE_URL=${url}\n`);
  }
  const result = await runDbMigrate(cwd, { DATABASE_URL: envLocal ? undefined : url });
  if (envLocal) rmSync(cwd, { recursive: true, force: true });
  return result;
}
