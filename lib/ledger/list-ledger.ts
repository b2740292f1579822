import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { getDatabase, type Database } from "@/lib/db/client";
import { rampTransaction, type RampTransactionRow } from "@/lib/db/schema";
import type { Side } from "@/lib/ramp/options";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A user's ledger rows, newest first; one side's only when `side` is given. */
export async function listLedger(
  partnerUserRef: string,
  options: { side?: Side; limit?: number } = {},
  db: Database = getDatabase().db,
): Promise<RampTransactionRow[]> {
  const mine = eq(rampTransaction.partnerUserRef, partnerUserRef);
  return db
    .select()
    .from(rampTransaction)
    .where(options.side ? and(mine, eq(rampTransaction.side, options.side)) : mine)
    .orderBy(desc(rampTransaction.createdAt), desc(rampTransaction.id))
    .limit(options.limit ?? 50);
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
