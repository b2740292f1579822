import "server-only";
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { Pool } from "pg";
import { getConfig } from "@/lib/config/env";
import { log } from "@/lib/log/logger";
import { processSingleton } from "@/lib/process/singleton";
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

export function getDatabase(): DatabaseHandle {
  return processSingleton("database", () => openDatabase(getConfig().database));
}

export function openDatabase(options: { url?: string; pgliteDir: string }): DatabaseHandle {
  if (options.url) {
    const pool = new Pool({
      connectionString: options.url,
      max: 10,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      // pg closes a connection idle for 10 s; opening one again costs a TCP handshake and a
      // SCRAM exchange (a password hash of thousands of rounds, on this side too), more CPU
      // than many queries. Between bursts of traffic, connections are kept for a while.
      idleTimeoutMillis: IDLE_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
    });
    // An idle connection the server drops (restart, failover) must not crash the process:
    // the pool discards it and the next query opens a new one.
    pool.on("error", (error) =>
      log("warn", "database_connection_lost", { message: error.message }),
    );
    return {
      db: drizzlePostgres({ client: pool, schema }) as unknown as Database,
      kind: "postgres",
      close: () => pool.end(),
    };
  }
  if (options.pgliteDir !== "memory://") mkdirSync(options.pgliteDir, { recursive: true });
  const client = new PGlite(options.pgliteDir);
  return {
    db: drizzlePglite({ client, schema }) as unknown as Database,
    kind: "pglite",
    close: () => client.close(),
  };
}
