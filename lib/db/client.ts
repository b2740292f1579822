import "server-only";
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { Pool, type PoolClient } from "pg";
import { getConfig } from "@/lib/config/env";
import { log } from "@/lib/log/logger";
import { processSingleton } from "@/lib/process/singleton";
import { lockEmbeddedDatabase } from "./embedded-lock";
import * as schema from "./schema";

/**
 * The app's database: Postgres either way. With `DATABASE_URL`, a pool of connections to
 * that server; without, PGlite (Postgres compiled to WebAssembly) in this process, its files
 * under `PGLITE_DIR`, so `npm run dev` needs no service. One per process, shared by every
 * route bundle. The same schema, migrations and queries run on both.
 */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** What lies under Drizzle (pg's Pool, or PGlite): both run a parameterized statement and answer `{ rows }`. */
export interface SqlDriver {
  query<R>(text: string, params: unknown[]): Promise<{ rows: R[] }>;
}

/** The driver under a database from `openDatabase` (not a transaction's), for a statement sent as written. */
export function driverOf(db: Database): SqlDriver {
  return (db as unknown as { $client: SqlDriver }).$client;
}

export interface DatabaseHandle {
  db: Database;
  kind: "postgres" | "pglite";
  close: () => Promise<void>;
}

// Short deadlines: a database that does not answer makes a 503 in seconds, not a hung page.
const CONNECT_TIMEOUT_MS = 3_000;
const QUERY_TIMEOUT_MS = 5_000;
const IDLE_TIMEOUT_MS = 5 * 60_000;
const STATEMENT_TIMEOUT_MS = QUERY_TIMEOUT_MS - 500;
const IDLE_IN_TRANSACTION_MS = 2 * QUERY_TIMEOUT_MS;

/**
 * The server cancels a statement before pg stops waiting for it, so the connection stays in
 * step (a query pg abandoned would still run, its transaction's rollback queued behind it)
 * and the user gets a 503 in seconds; migrations may take longer. Should a connection still
 * be left inside a transaction, the server ends the session rather than let later writes on
 * it go uncommitted.
 */
function sessionSettings(forMigrations: boolean): string {
  const statement = forMigrations ? 0 : STATEMENT_TIMEOUT_MS;
  return `set statement_timeout = ${statement}; set idle_in_transaction_session_timeout = ${IDLE_IN_TRANSACTION_MS}`;
}

/**
 * Whether pg still waits on a statement sent on this connection. Drizzle releases a
 * connection only once its statements have answered, so one still waited on is one pg gave
 * up on. pg has no public accessor (`activeQuery` is deprecated, with a warning): its own.
 */
function stillWaitedOn(client: PoolClient): boolean {
  const internals = client as unknown as { _getActiveQuery?: () => unknown };
  return Boolean(internals._getActiveQuery?.());
}

export function getDatabase(): DatabaseHandle {
  return processSingleton("database", () => openDatabase(getConfig().database));
}

/**
 * `forMigrations`: a pool for `lib/db/migrate.ts`, without the statement limit of the app's
 * (a migration may rewrite a large table, and waits for another instance's to finish).
 */
export function openDatabase(
  options: { url?: string; pgliteDir: string },
  { forMigrations = false } = {},
): DatabaseHandle {
  if (options.url) {
    const pool = new Pool({
      connectionString: options.url,
      max: 10,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      // pg closes a connection idle for 10 s; opening one again costs a TCP handshake and a
      // SCRAM exchange (a password hash of thousands of rounds, on this side too), more CPU
      // than many queries. Between bursts of traffic, connections are kept for a while.
      idleTimeoutMillis: IDLE_TIMEOUT_MS,
      query_timeout: forMigrations ? undefined : QUERY_TIMEOUT_MS,
      // Kept connections are probed, so one a failover left dead is found before a user's
      // query waits out the timeout on it: from 30 s idle (without a delay, the system's
      // default applies, 2 hours on Linux, and no idle connection is ever probed).
      keepAlive: true,
      keepAliveInitialDelayMillis: 30_000,
      // Each new connection's first statement, run before the pool hands it out (sent beside
      // the first query instead, it would wait queued on the connection, which pg 9 refuses);
      // should it fail, the connection is dropped and that query fails. Set by a statement,
      // not as startup parameters, which poolers such as PgBouncer refuse.
      onConnect: async (client) => {
        await client.query(sessionSettings(forMigrations));
      },
    });
    // A connection the server drops (restart, failover) must not crash the process. Idle, the
    // pool discards it and the next query opens a new one. In use by a transaction (which
    // holds a connection of its own: a webhook being applied, say), pg fails its statement,
    // so the request gets its 503, and emits the error on the connection too, where nothing
    // else listens: unheard, Node would take it for an uncaught exception (Next prints it,
    // stack trace and all, outside the JSON log). Each connection is heard, from the start.
    pool.on("connect", (client) =>
      client.on("error", (error) =>
        log("warn", "database_connection_lost", { message: error.message }),
      ),
    );
    // Logged by the connection's own listener above; the pool's event only needs hearing.
    pool.on("error", () => {});
    // A server that stops answering altogether (a stall, a network partition) is given up on
    // at query_timeout, but the statement stays in flight on its connection. A transaction
    // (Drizzle's, which takes a connection of its own) then hands that connection back still
    // inside BEGIN, its ROLLBACK never sent: the next request on it would run in that
    // transaction, its writes committed with the abandoned ones (a webhook event stored
    // without its effect) or refused as "current transaction is aborted" (a 500), until the
    // connection sat idle 10 s. Such a connection is closed instead (the server then rolls
    // back), and the pool opens a new one.
    pool.on("release", (_error, client) => {
      if (stillWaitedOn(client)) void client.end().catch(() => {});
    });
    return {
      db: drizzlePostgres({ client: pool, schema }) as unknown as Database,
      kind: "postgres",
      close: () => pool.end(),
    };
  }
  let unlock = () => {};
  if (options.pgliteDir !== "memory://") {
    mkdirSync(options.pgliteDir, { recursive: true });
    unlock = lockEmbeddedDatabase(options.pgliteDir);
  }
  const client = new PGlite(options.pgliteDir);
  return {
    db: drizzlePglite({ client, schema }) as unknown as Database,
    kind: "pglite",
    close: () => client.close().finally(unlock),
  };
}
