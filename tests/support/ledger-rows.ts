import { after, before, beforeEach } from "node:test";
import { eq } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { getDatabase, type Database, type DatabaseHandle } from "../../lib/db/client";
import { migrateDatabase } from "../../lib/db/migrate";
import { rampTransaction } from "../../lib/db/schema";
import { findLedgerRow } from "../../lib/ledger/list-ledger";
import { recordStarted, type StartedRamp } from "../../lib/ledger/record-started";

/** Ledger rows for the unit tests of the ledger and of webhooks, placed at known times. */
export const EVM = "0x52908400098527886e0f7030069857d2e4169ee7";
export const T0 = Date.parse("2026-01-01T12:00:00Z");
export const at = (seconds: number) => new Date(T0 + seconds * 1000);

/** A buy of 50 USD of USDC on Base for user-1, as minting records it. */
export function started(overrides: Partial<StartedRamp> = {}): StartedRamp {
  return {
    side: "buy",
    partnerUserRef: "user-1",
    asset: "USDC",
    network: "base",
    address: EVM,
    fiatAmount: "50",
    fiatCurrency: "USD",
    ...overrides,
  };
}

/** Records a started row `seconds` after T0 (the ledger stamps `now()`; tests place rows in time). */
export async function startedAt(
  db: Database,
  seconds: number,
  overrides: Partial<StartedRamp> = {},
): Promise<string> {
  const id = await recordStarted(started(overrides), db);
  await db
    .update(rampTransaction)
    .set({ createdAt: at(seconds) })
    .where(eq(rampTransaction.id, id));
  return id;
}

export const rowOf = async (db: Database, id: string) => (await findLedgerRow(id, db))!;

/**
 * `db`, except that its first write (`update`, or a `transaction` to write in) lets `rival`
 * write first: another instance or a webhook writing between a read of the ledger and a write.
 */
export function withRivalWrite(db: Database, rival: (db: Database) => PromiseLike<unknown>) {
  const state = { raced: false };
  const racing = new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      if ((prop === "update" || prop === "transaction") && !state.raced) {
        state.raced = true;
        // Queued on the database before the write it precedes (PGlite runs queries in turn).
        void rival(target).then(() => undefined);
      }
      return value.bind(target);
    },
  });
  return { db: racing, state };
}

/** Attaches a Coinbase id to a row, as a rival would. */
export const attachId = (row: string, coinbaseTransactionId: string) => (db: Database) =>
  db
    .update(rampTransaction)
    .set({ coinbaseTransactionId, status: "in_progress" })
    .where(eq(rampTransaction.id, row));

/**
 * The app's own database (getDatabase) as an in-memory PGlite, opened and migrated once for
 * the test file (opening PGlite is the slow part), with `tables` emptied before each test.
 * Call at the top of the file; returns the database to use in tests.
 */
export function memoryDatabaseForFile(...tables: PgTable[]): () => Database {
  process.env.PGLITE_DIR = "memory://";
  let handle: DatabaseHandle;
  before(async () => {
    handle = getDatabase();
    await migrateDatabase(handle);
  });
  after(() => handle.close());
  beforeEach(async () => {
    for (const table of tables) await handle.db.delete(table);
  });
  return () => handle.db;
}
