import "server-only";
import { and, asc, eq, inArray, isNull, notInArray } from "drizzle-orm";
import type { CoinbaseTransaction } from "@/lib/cdp/transactions-api";
import type { Database } from "@/lib/db/client";
import { rampTransaction, type RampTransactionRow } from "@/lib/db/schema";
import type { Side } from "@/lib/ramp/options";
import { sumFees } from "./sum-fees";

/**
 * Brings a user's ledger in step with what Coinbase reports, oldest report first:
 * 1. a row that already carries the Coinbase id is updated;
 * 2. else the report is attached to the oldest `started` row of the same side, asset and
 *    network, created before it, that has no Coinbase id yet (the URL the user finished:
 *    Coinbase's list does not say which URL a transaction came from);
 * 3. else it is inserted (a transaction made elsewhere, or whose row was lost).
 * A row whose status is final (success, failed) is never written again, so a late or
 * stale report cannot move it back; the condition is in the UPDATE itself, so two
 * instances reconciling at once cannot either.
 */
const FINAL: RampTransactionRow["status"][] = ["success", "failed"];
// Our clock stamps `started`, Coinbase's stamps its transaction: allow them to differ a little.
const CLOCK_SKEW_MS = 60_000;

export async function reconcileLedger(
  side: Side,
  partnerUserRef: string,
  reported: CoinbaseTransaction[],
  db: Database,
  now = new Date(),
): Promise<void> {
  if (reported.length === 0) return;
  const known = await db
    .select()
    .from(rampTransaction)
    .where(
      inArray(
        rampTransaction.coinbaseTransactionId,
        reported.map((t) => t.id),
      ),
    );
  const byCoinbaseId = new Map(known.map((row) => [row.coinbaseTransactionId, row]));
  const open = await db
    .select()
    .from(rampTransaction)
    .where(
      and(
        eq(rampTransaction.partnerUserRef, partnerUserRef),
        eq(rampTransaction.side, side),
        eq(rampTransaction.status, "started"),
        isNull(rampTransaction.coinbaseTransactionId),
      ),
    )
    .orderBy(asc(rampTransaction.createdAt));

  const oldestFirst = [...reported].sort((a, b) => timeOf(a, now) - timeOf(b, now));
  for (const report of oldestFirst) {
    const row = byCoinbaseId.get(report.id);
    if (row) {
      // Another user's row with this id is not ours to touch (Coinbase ids are unique).
      if (row.partnerUserRef === partnerUserRef) await update(db, row, report, now);
      continue;
    }
    const at = timeOf(report, now);
    const index = open.findIndex(
      (r) => sameTarget(r, report) && r.createdAt.getTime() <= at + CLOCK_SKEW_MS,
    );
    if (index >= 0) await attach(db, open.splice(index, 1)[0]!, report, now);
    else await insert(db, partnerUserRef, side, report, now);
  }
}

function timeOf(report: CoinbaseTransaction, now: Date): number {
  const at = Date.parse(report.createdAt);
  return Number.isNaN(at) ? now.getTime() : at;
}

const sameTarget = (row: RampTransactionRow, report: CoinbaseTransaction) =>
  row.asset.toLowerCase() === report.asset.toLowerCase() &&
  row.network.toLowerCase() === report.network.toLowerCase();

/** What Coinbase says of a transaction, as ledger columns; absent figures leave ours alone. */
function reportedFields(report: CoinbaseTransaction) {
  const fee = sumFees(report.fees);
  return {
    status: report.status,
    cryptoAmount: report.crypto?.value,
    fiatAmount: report.fiat?.value,
    fiatCurrency: report.fiat?.currency,
    feeAmount: fee?.value,
    feeCurrency: fee?.currency,
    depositAddress: report.toAddress,
    txHash: report.txHash,
    failureReason: report.failureReason,
  };
}

async function update(
  db: Database,
  row: RampTransactionRow,
  report: CoinbaseTransaction,
  now: Date,
) {
  const fields = reportedFields(report);
  const changed = Object.entries(fields).some(
    ([key, value]) => value !== undefined && row[key as keyof typeof fields] !== value,
  );
  if (!changed) return; // most polls: nothing new, no write
  await db
    .update(rampTransaction)
    .set({ ...fields, updatedAt: now })
    .where(and(eq(rampTransaction.id, row.id), notInArray(rampTransaction.status, FINAL)));
}

async function attach(
  db: Database,
  row: RampTransactionRow,
  report: CoinbaseTransaction,
  now: Date,
) {
  await db
    .update(rampTransaction)
    .set({ ...reportedFields(report), coinbaseTransactionId: report.id, updatedAt: now })
    .where(and(eq(rampTransaction.id, row.id), isNull(rampTransaction.coinbaseTransactionId)));
}

async function insert(
  db: Database,
  partnerUserRef: string,
  side: Side,
  report: CoinbaseTransaction,
  now: Date,
) {
  await db
    .insert(rampTransaction)
    .values({
      ...reportedFields(report),
      partnerUserRef,
      side,
      asset: report.asset,
      network: report.network,
      address: report.address,
      coinbaseTransactionId: report.id,
      createdAt: new Date(timeOf(report, now)),
      updatedAt: now,
    })
    // Another instance may have inserted it a moment ago: the unique Coinbase id keeps one.
    .onConflictDoNothing({ target: rampTransaction.coinbaseTransactionId });
}
