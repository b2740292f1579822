import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { getDatabase, type Database } from "@/lib/db/client";
import { rampTransaction, type RampTransactionRow } from "@/lib/db/schema";
import type { Side } from "@/lib/ramp/options";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A user's ledger rows, newest first; one side's only when `side` is given; only those listed
 * after the row `after` (an id) when it is given: the next page of a history.
 */
export async function listLedger(
  partnerUserRef: string,
  options: { side?: Side; limit?: number; after?: string } = {},
  db: Database = getDatabase().db,
): Promise<RampTransactionRow[]> {
  const { side, after } = options;
  return db
    .select()
    .from(rampTransaction)
    .where(
      and(
        eq(rampTransaction.partnerUserRef, partnerUserRef),
        side && eq(rampTransaction.side, side),
        after === undefined ? undefined : listedAfter(after, db),
      ),
    )
    .orderBy(desc(rampTransaction.createdAt), desc(rampTransaction.id))
    .limit(options.limit ?? 50);
}

/**
 * Rows listed after the row `id`, newest first: older, or as old and of a lower id. Compared
 * in the database, with that row's own start time: Postgres keeps microseconds, and the
 * milliseconds of a JavaScript Date would skip rows started in the same millisecond.
 */
function listedAfter(id: string, db: Database) {
  const row = db
    .select({ createdAt: rampTransaction.createdAt, id: rampTransaction.id })
    .from(rampTransaction)
    .where(eq(rampTransaction.id, id));
  return sql`(${rampTransaction.createdAt}, ${rampTransaction.id}) < (${row})`;
}

/** One row by its ledger id, or null (an id that is not a UUID included: Postgres would refuse it). */
export async function findLedgerRow(
  id: string,
  db: Database = getDatabase().db,
): Promise<RampTransactionRow | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db.select().from(rampTransaction).where(eq(rampTransaction.id, id));
  return row ?? null;
}
