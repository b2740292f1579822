import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
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
        after === undefined ? undefined : listed(after, "after", db),
      ),
    )
    .orderBy(desc(rampTransaction.createdAt), desc(rampTransaction.id))
    .limit(options.limit ?? 50);
}

/**
 * Where the page before the one listed after the row `id` starts, a page being `pageSize`
 * rows: after the row a page's worth newer than `id` (that page then ends with `id`), or null
 * when that page is the newest (fewer rows than a page are newer than `id`).
 */
export async function newerPageAfter(
  partnerUserRef: string,
  id: string,
  pageSize: number,
  db: Database = getDatabase().db,
): Promise<string | null> {
  const [row] = await db
    .select({ id: rampTransaction.id })
    .from(rampTransaction)
    .where(and(eq(rampTransaction.partnerUserRef, partnerUserRef), listed(id, "before", db)))
    .orderBy(asc(rampTransaction.createdAt), asc(rampTransaction.id))
    .limit(1)
    .offset(pageSize - 1);
  return row?.id ?? null;
}

/**
 * Rows listed after the row `id`, newest first (older, or as old and of a lower id), or
 * before it. Compared in the database, with that row's own start time: Postgres keeps
 * microseconds, and the milliseconds of a JavaScript Date would skip rows started in the same
 * millisecond.
 */
function listed(id: string, where: "after" | "before", db: Database) {
  const row = db
    .select({ createdAt: rampTransaction.createdAt, id: rampTransaction.id })
    .from(rampTransaction)
    .where(eq(rampTransaction.id, id));
  const columns = sql`(${rampTransaction.createdAt}, ${rampTransaction.id})`;
  return where === "after" ? sql`${columns} < (${row})` : sql`${columns} > (${row})`;
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
