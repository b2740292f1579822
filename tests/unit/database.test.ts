import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { driverOf, openDatabase, type DatabaseHandle } from "../../lib/db/client";
import { signInCodeMail } from "../../lib/auth/sign-in-mail";
import { claimDatabaseMode } from "../../lib/db/database-mode";
import { removeIfAbandoned } from "../../lib/db/embedded-lock";
import { isDatabaseUnavailable, loggableMessage } from "../../lib/db/database-errors";
import { keepQueryParametersOutOfConsole } from "../../lib/log/console-query-errors";
import { captureOutput } from "../support/capture-output";
import { MIGRATIONS_FOLDER, migrateDatabase } from "../../lib/db/migrate";
import { recordStarted } from "../../lib/ledger/record-started";
import { rampTransaction, sandboxMail, user, webhookEvent } from "../../lib/db/schema";
import { deleteEventsBefore } from "../../lib/webhooks/prune-events";
import { havePostgres, startPostgres, type PostgresServer } from "../support/postgres-server";
import { aUser, runDbMigrate, thrown } from "../support/database-tests";

/**
 * The data layer on both databases the app runs on: PGlite in memory (no DATABASE_URL) and a
 * real Postgres server. The same migrations and queries must work on each; on the server,
 * an outage must be recognised as one (a 503, not a 500) and the pool must recover by itself
 * (database-outage.test.ts, its own file so that its waits run beside these).
 */
const backends: Array<{ name: string; open: () => Promise<DatabaseHandle>; skip?: string }> = [
  { name: "PGlite", open: async () => openDatabase({ pgliteDir: "memory://" }) },
  {
    name: "Postgres",
    open: async () => openDatabase({ url: (await sharedServer()).url, pgliteDir: "unused" }),
    skip: havePostgres ? undefined : "Postgres not installed",
  },
];

// pg warns (once per process) when a query is sent to a connection still running another:
// pg 9 refuses such a query. Collected for the whole file.
const pgQueuedQueryWarnings: string[] = [];
process.on("warning", (warning) => {
  if (/already executing a query/.test(warning.message))
    pgQueuedQueryWarnings.push(warning.message);
});

let server: Promise<PostgresServer> | undefined;
const sharedServer = () => (server ??= startPostgres());
after(async () => (await server)?.destroy());

const aRamp = (coinbaseTransactionId: string) => ({
  partnerUserRef: "user-1",
  side: "buy" as const,
  status: "started" as const,
  asset: "USDC",
  network: "base",
  fiatAmount: "25",
  coinbaseTransactionId,
});

for (const backend of backends) {
  describe(`the data layer on ${backend.name}`, { skip: backend.skip }, () => {
    let handle: DatabaseHandle;
    before(async () => (handle = await backend.open()));
    after(async () => handle?.close());

    test("migrations apply, and applying them again changes nothing", async () => {
      await migrateDatabase(handle);
      await migrateDatabase(handle);
      const { rows } = (await handle.db.execute(
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      )) as unknown as { rows: Array<{ n: number }> };
      const journal = JSON.parse(
        readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"),
      ) as { entries: unknown[] };
      assert.equal(rows[0]?.n, journal.entries.length);
    });

    test("users and ledger rows are written and read back", async () => {
      const alice = aUser("alice@example.com");
      await handle.db.insert(user).values(alice);
      const [read] = await handle.db.select().from(user).where(eq(user.id, alice.id));
      assert.equal(read?.email, "alice@example.com");
      assert.equal(read?.emailVerified, false);

      const [ramp] = await handle.db.insert(rampTransaction).values(aRamp("tx-1")).returning();
      assert.match(ramp?.id ?? "", /^[0-9a-f-]{36}$/);
      const rows = await handle.db
        .select()
        .from(rampTransaction)
        .where(eq(rampTransaction.partnerUserRef, "user-1"));
      assert.deepEqual(
        rows.map((r) => [r.status, r.fiatAmount, r.coinbaseTransactionId]),
        [["started", "25", "tx-1"]],
      );
    });

    test("a mint's started row, sent to the driver as written, reads back through Drizzle", async () => {
      const id = await recordStarted(
        {
          side: "sell",
          partnerUserRef: "user-2",
          asset: "ETH",
          network: "base",
          address: "0x52908400098527886e0f7030069857d2e4169ee7",
          cryptoAmount: "0.1",
        },
        handle.db,
      );
      const [row] = await handle.db
        .select()
        .from(rampTransaction)
        .where(eq(rampTransaction.id, id));
      assert.deepEqual(
        [row?.status, row?.side, row?.partnerUserRef, row?.asset, row?.network, row?.address],
        ["started", "sell", "user-2", "ETH", "base", "0x52908400098527886e0f7030069857d2e4169ee7"],
      );
      assert.deepEqual(
        [row?.cryptoAmount, row?.fiatAmount, row?.fiatCurrency],
        ["0.1", null, null],
      );
      assert.ok(row?.createdAt instanceof Date);
    });

    test("rows of the network once called avalanche take Coinbase's name for it, avacchain", async () => {
      const [old] = await handle.db
        .insert(rampTransaction)
        .values({ ...aRamp("tx-avax"), asset: "AVAX", network: "avalanche" })
        .returning();
      // The migration, as it runs on a database that had such rows before it came.
      const migration = readFileSync(
        path.join(MIGRATIONS_FOLDER, "0003_avacchain_network.sql"),
        "utf8",
      );
      await handle.db.execute(sql.raw(migration));
      const [read] = await handle.db
        .select()
        .from(rampTransaction)
        .where(eq(rampTransaction.id, old!.id));
      assert.equal(read?.network, "avacchain");
    });

    test("webhook events past a cutoff are deleted a batch at a time, oldest first", async () => {
      const day = 24 * 60 * 60 * 1000;
      const now = Date.now();
      const event = (id: string, days: number) => ({
        id,
        type: "onramp.transaction.updated",
        payload: { partnerUserRef: "user-1" },
        receivedAt: new Date(now - days * day),
      });
      await handle.db
        .insert(webhookEvent)
        .values([event("ev-40", 40), event("ev-35", 35), event("ev-31", 31), event("ev-29", 29)]);
      const cutoff = new Date(now - 30 * day);
      assert.equal(await deleteEventsBefore(handle.db, cutoff, 2), 2);
      const left = async () =>
        (
          await handle.db
            .select({ id: webhookEvent.id })
            .from(webhookEvent)
            .orderBy(webhookEvent.id)
        ).map((row) => row.id);
      assert.deepEqual(await left(), ["ev-29", "ev-31"]);
      assert.equal(await deleteEventsBefore(handle.db, cutoff, 2), 1);
      assert.equal(await deleteEventsBefore(handle.db, cutoff, 2), 0);
      assert.deepEqual(await left(), ["ev-29"]);
    });

    test("unique constraints hold, and a violation is not an outage", async () => {
      await handle.db.insert(user).values(aUser("bob@example.com"));
      const duplicateEmail = await thrown(() =>
        handle.db.insert(user).values(aUser("bob@example.com")),
      );
      assert.equal(isDatabaseUnavailable(duplicateEmail), false);
      assert.equal(sqlState(duplicateEmail), "23505");
      // What the logs get: the driver's message, not drizzle's SQL with the parameters.
      assert.match(loggableMessage(duplicateEmail), /duplicate key value/);
      assert.ok(!loggableMessage(duplicateEmail).includes("bob@example.com"));
      // Nor what Next prints of a page's error (console.error): installed at start.
      const printed = await captureOutput(async () => {
        const print = console.error;
        try {
          keepQueryParametersOutOfConsole();
          console.error(duplicateEmail);
          // Wrapped, as better-auth wraps a failed session read.
          console.error(new Error("Failed to get session", { cause: duplicateEmail }));
        } finally {
          console.error = print;
        }
      });
      assert.match(printed, /A database query failed: duplicate key value/);
      assert.match(printed, /Failed to get session[\s\S]*cause\]?: Error: A database query failed/);
      assert.match(printed, /\n\s+at /, "with its stack");
      assert.ok(!printed.includes("bob@example.com"), printed);

      await handle.db.insert(rampTransaction).values(aRamp("tx-2"));
      const duplicateTx = await thrown(() =>
        handle.db.insert(rampTransaction).values(aRamp("tx-2")),
      );
      assert.equal(sqlState(duplicateTx), "23505");
      assert.equal(isDatabaseUnavailable(duplicateTx), false);
    });
  });
}

describe(
  "the pool on a Postgres server",
  { skip: havePostgres ? undefined : "Postgres not installed" },
  () => {
    test("keeps an idle connection past pg's 10 s, so traffic after a pause signs in again to nothing", async () => {
      const handle = openDatabase({ url: (await sharedServer()).url, pgliteDir: "unused" });
      const backendPid = async () =>
        (await driverOf(handle.db).query<{ pid: number }>("select pg_backend_pid() as pid", []))
          .rows[0]!.pid;
      try {
        const first = await backendPid();
        await new Promise((resolve) => setTimeout(resolve, 10_500));
        assert.equal(await backendPid(), first, "the same connection serves the next query");
      } finally {
        await handle.close();
      }
    });

    test("a statement past the limit is cancelled by the server: unavailable (503), and the connection goes on", async () => {
      const handle = openDatabase({ url: (await sharedServer()).url, pgliteDir: "unused" });
      const driver = driverOf(handle.db);
      try {
        const settings = await driver.query<{ statement: string; idle: string }>(
          "select current_setting('statement_timeout') as statement, current_setting('idle_in_transaction_session_timeout') as idle",
          [],
        );
        assert.deepEqual(settings.rows[0], { statement: "4500ms", idle: "10s" });
        const slow = await thrown(() => handle.db.execute(sql`select pg_sleep(6)`));
        assert.equal(sqlState(slow), "57014");
        assert.equal(isDatabaseUnavailable(slow), true, String(slow));
        const { rows } = await driver.query<{ n: number }>("select 1 as n", []);
        assert.deepEqual(rows, [{ n: 1 }]);
      } finally {
        await handle.close();
      }
    });

    test("instances starting together take turns migrating: each starts", async () => {
      const server = new URL((await sharedServer()).url);
      const name = `race_${randomBytes(4).toString("hex")}`;
      const admin = openDatabase({ url: server.href, pgliteDir: "unused" });
      await admin.db.execute(sql.raw(`create database ${name}`));
      await admin.close();
      server.pathname = `/${name}`;
      const instances = [1, 2, 3].map(() =>
        openDatabase({ url: server.href, pgliteDir: "unused" }, { forMigrations: true }),
      );
      try {
        const results = await Promise.allSettled(instances.map((i) => migrateDatabase(i)));
        assert.deepEqual(
          results.map((r) => (r.status === "fulfilled" ? "ok" : String(r.reason))),
          ["ok", "ok", "ok"],
        );
        const { rows } = await driverOf(instances[0]!.db).query<{ n: number }>(
          "select count(*)::int as n from drizzle.__drizzle_migrations",
          [],
        );
        const journal = JSON.parse(
          readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"),
        ) as { entries: unknown[] };
        assert.equal(rows[0]?.n, journal.entries.length);
      } finally {
        await Promise.all(instances.map((i) => i.close()));
      }
    });

    test("the app's own pool has the statement limit; the migrations' pool has none", async () => {
      const url = (await sharedServer()).url;
      for (const [forMigrations, expected] of [
        [false, "4500ms"],
        [true, "0"],
      ] as const) {
        const handle = openDatabase({ url, pgliteDir: "unused" }, { forMigrations });
        const { rows } = await driverOf(handle.db).query<{ limit: string }>(
          "select current_setting('statement_timeout') as limit",
          [],
        );
        await handle.close();
        assert.equal(rows[0]?.limit, expected);
      }
    });

    test("a new connection's settings are in place before its first query, never queued beside it", async () => {
      const handle = openDatabase({ url: (await sharedServer()).url, pgliteDir: "unused" });
      try {
        // Several at once: each opens a connection of its own.
        const limits = await Promise.all(
          [1, 2, 3, 4].map(async () => {
            const { rows } = await driverOf(handle.db).query<{ limit: string }>(
              "select current_setting('statement_timeout') as limit",
              [],
            );
            return rows[0]?.limit;
          }),
        );
        assert.deepEqual(limits, ["4500ms", "4500ms", "4500ms", "4500ms"]);
      } finally {
        await handle.close();
      }
      await new Promise((resolve) => setImmediate(resolve)); // warnings come on a later tick
      assert.deepEqual(pgQueuedQueryWarnings, []);
    });
  },
);

describe("the embedded database on disk: one process at a time", () => {
  let dir: string;
  before(() => {
    dir = path.join(mkdtempSync(path.join(tmpdir(), "pglite-lock-")), "db");
  });
  after(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

  test("npm run db:migrate while a server holds it is refused by name; the server keeps working", async () => {
    const server = openDatabase({ pgliteDir: dir });
    await migrateDatabase(server);
    const second = await embeddedMigrate(dir);
    assert.equal(second.code, 1);
    assert.match(
      second.output,
      new RegExp(
        `in ${dir} \\(PGLITE_DIR\\) could not be opened .*: process ${process.pid} is using it`,
      ),
    );
    const [row] = await server.db
      .select({ one: sql<number>`1` })
      .from(user)
      .limit(1)
      .execute();
    assert.equal(row, undefined, "the server's database still answers");
    await server.close();
    assert.throws(() => readFileSync(`${dir}.lock`), /ENOENT/, "closing releases the lock");
    assert.deepEqual(await embeddedMigrate(dir), {
      code: 0,
      output: `Migrations applied to ${dir} (embedded, PGLITE_DIR).`,
    });
  });

  test("npm run db:migrate with a configuration error says what is wrong, once, with no stack trace", async () => {
    const refused = await runDbMigrate(process.cwd(), {
      DATABASE_URL: "",
      PGLITE_DIR: dir,
      CDP_API_KEY_ID: "organizations/x/apiKeys/y",
      CDP_API_KEY_SECRET: "not-a-key",
      APP_URL: "https://ramps.example.com/app",
    });
    assert.equal(refused.code, 1);
    assert.equal(refused.output.match(/Invalid configuration/g)?.length, 1, refused.output);
    assert.match(refused.output, /APP_URL: must be this app's origin alone/);
    // Only the server's own requirements are left out for a tool (no session, no mail).
    assert.doesNotMatch(refused.output, /SESSION_SECRET|SMTP_URL/);
    assert.doesNotMatch(refused.output, /\bat .*\.ts:\d+/, "no stack trace");
  });

  test("a lock left by a process that has died is taken over", async () => {
    const gone = spawn(process.execPath, ["-e", ""]);
    await once(gone, "exit");
    writeFileSync(`${dir}.lock`, String(gone.pid));
    const handle = openDatabase({ pgliteDir: dir });
    assert.equal(readFileSync(`${dir}.lock`, "utf8"), String(process.pid));
    await handle.close();
  });

  test("two processes that found the same dead holder: the second cannot remove the first's new lock", async () => {
    const lock = `${dir}.lock`;
    // The first took it over already: the lock now names a process that runs.
    const first = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60_000)"]);
    try {
      writeFileSync(lock, String(first.pid));
      removeIfAbandoned(lock);
      assert.equal(readFileSync(lock, "utf8"), String(first.pid), "a live holder's lock stays");
      assert.throws(() => openDatabase({ pgliteDir: dir }), /process \d+ is using it/);
      // A takeover under way elsewhere: this one waits its turn, by name.
      writeFileSync(`${lock}.takeover`, "1");
      assert.throws(() => removeIfAbandoned(lock), /another process is taking over its lock/);
    } finally {
      first.kill();
      rmSync(`${lock}.takeover`, { force: true });
      rmSync(lock, { force: true });
    }
  });
});

describe("sandbox and live data never share a database (the server's start: database-mode.spec.ts)", () => {
  let parent: string;
  before(() => (parent = mkdtempSync(path.join(tmpdir(), "pglite-mode-"))));
  after(() => rmSync(parent, { recursive: true, force: true }));

  for (const backend of backends) {
    test(
      `the first claim stamps the database, later claims are told what it holds, and only an empty sandbox one goes live, on ${backend.name}`,
      { skip: backend.skip },
      async () => {
        const handle =
          backend.name === "PGlite" ? await backend.open() : await ownPostgresDatabase("modes");
        try {
          await migrateDatabase(handle);
          // Holding nothing yet, a sandbox database goes live when a live server starts on
          // it (a host started before its keys), never back.
          assert.equal(await claimDatabaseMode(handle.db, "sandbox"), "sandbox");
          assert.equal(await claimDatabaseMode(handle.db, "live"), "live");
          assert.equal(await claimDatabaseMode(handle.db, "sandbox"), "live");
          // Once someone has signed in, it is that mode's.
          await handle.db.insert(user).values(aUser(`modes-${backend.name}@example.com`));
          assert.equal(await claimDatabaseMode(handle.db, "sandbox"), "live");
          assert.equal(await claimDatabaseMode(handle.db, "live"), "live");
        } finally {
          await handle.close();
        }
      },
    );
  }

  test("a database from before the stamp whose sandbox inbox holds sign-in codes is stamped sandbox by its migration", async () => {
    // The migrations as they were before the stamp, applied first.
    const before = path.join(parent, "migrations-before");
    cpSync(MIGRATIONS_FOLDER, before, { recursive: true });
    const journalFile = path.join(before, "meta", "_journal.json");
    const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
    journal.entries = journal.entries.filter((e) => e.tag < "0008_database_mode");
    writeFileSync(journalFile, JSON.stringify(journal));
    // The app's own sign-in code, there only with nothing live; the sandbox Coinbase's codes
    // (guest checkout, Connect's two-step) may come beside live Connect or live ramps.
    const signInCode = signInCodeMail("a@example.com", "123456", 10).subject;
    const inboxes = [[signInCode], [], ["Your Coinbase verification code: 123456"]];
    for (const inbox of inboxes) {
      const handle = openDatabase({ pgliteDir: "memory://" });
      try {
        await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: before });
        for (const subject of inbox)
          await handle.db.insert(sandboxMail).values({ to: "a@example.com", subject, body: "-" });
        await migrateDatabase(handle);
        const stamped = inbox[0] === signInCode ? "sandbox" : "live";
        assert.equal(await claimDatabaseMode(handle.db, "live"), stamped);
      } finally {
        await handle.close();
      }
    }
  });

  test("npm run db:migrate neither stamps nor refuses: a deploy's migration job may run without the keys", async () => {
    const dir = path.join(parent, "db");
    assert.equal((await embeddedMigrate(dir)).code, 0);
    // Live, and without the server's SESSION_SECRET and SMTP_URL: a tool needs neither.
    const live = await runDbMigrate(process.cwd(), {
      DATABASE_URL: "",
      PGLITE_DIR: dir,
      COINBASE_OAUTH_CLIENT_ID: "client",
      COINBASE_OAUTH_CLIENT_SECRET: "secret",
      SESSION_SECRET: "",
      SMTP_URL: "",
    });
    assert.equal(live.code, 0, live.output);
    const handle = openDatabase({ pgliteDir: dir });
    try {
      assert.equal(await claimDatabaseMode(handle.db, "live"), "live", "left for the server");
    } finally {
      await handle.close();
    }
  });
});

/** A database of its own on the shared server, so a stamp there leaves the others' alone. */
async function ownPostgresDatabase(name: string): Promise<DatabaseHandle> {
  const admin = openDatabase({ url: (await sharedServer()).url, pgliteDir: "unused" });
  await admin.db.execute(sql.raw(`create database ${name}`));
  await admin.close();
  const url = (await sharedServer()).url.replace(/\/postgres$/, `/${name}`);
  return openDatabase({ url, pgliteDir: "unused" });
}

/** The SQLSTATE of a query error, wherever drizzle put the driver's error. */
function sqlState(error: unknown): string | undefined {
  for (let e = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

describe("what counts as the database being unavailable", () => {
  const withCode = (code: string) => Object.assign(new Error(`sqlstate ${code}`), { code });
  test("too many clients, a server restarting, a read-only replica after failover: 503", () => {
    for (const code of ["53300", "53200", "57P01", "57P03", "57P04", "25006", "57014", "08006"])
      assert.equal(
        isDatabaseUnavailable(new Error("query failed", { cause: withCode(code) })),
        true,
        code,
      );
  });
  test("a transaction whose connection died: its ROLLBACK, refused by pg, is an outage too", () => {
    const refused = new Error("Client has encountered a connection error and is not queryable");
    const thrownByDrizzle = new Error("Failed query: rollback\nparams: ", { cause: refused });
    assert.equal(isDatabaseUnavailable(thrownByDrizzle), true);
  });
  test("a query's own fault is not an outage", () => {
    for (const code of ["23505", "42P01", "22P02", "40001"])
      assert.equal(isDatabaseUnavailable(withCode(code)), false, code);
  });
});

/** `npm run db:migrate` on the embedded database in `dir` (no DATABASE_URL). */
function embeddedMigrate(dir: string) {
  return runDbMigrate(process.cwd(), { DATABASE_URL: "", PGLITE_DIR: dir });
}
