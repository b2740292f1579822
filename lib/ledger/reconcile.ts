import "server-only";
import { and, eq, inArray, isNotNull, isNull, or } from "drizzle-orm";
import type { CoinbaseTransaction } from "@/lib/cdp/transactions-api";
import type { Database } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/database-errors";
import { rampTransaction, type RampTransactionRow } from "@/lib/db/schema";
import type { Side } from "@/lib/ramp/options";
import { log } from "@/lib/log/logger";
import { attachable, noOriginReason, openStartedRows, originIndex } from "./find-origin";
import { sameAddress } from "./origin-clues";
import { attachedFields, reportedFields, reportedStart, wouldChange } from "./reported-fields";
import { writeReport } from "./status-order";

/**
 * Brings a user's ledger in step with what Coinbase reports, newest report first (so each
 * takes the newest row started before it, and an older one the row before that):
 * 1. a row that already carries the Coinbase id is updated;
 * 2. else the report is attached to the `started` row it came from (find-origin.ts: same
 *    wallet, then the amount asked for);
 * 3. else, a purchase into a wallet this user has minted for is inserted as a row of its
 *    own (a second payment through one pay URL, or a row that was lost); never a sale, whose
 *    wallet anyone may name (find-origin.ts says why);
 * 4. else it is left out and logged: a transaction to or from a wallet the user never named is
 *    someone else's, filed under this user through a pay URL whose `partnerUserId` was edited.
 *    Listing it would show them a stranger's purchase, or a stranger's sale with its deposit
 *    address, which they might pay. A report that names no wallet is left out too, until a
 *    later poll brings one.
 * A status never moves back, and a final one (success, failed) only takes a missing hash
 * (status-order.ts); the condition is in the UPDATE itself, so two instances reconciling
 * at once, or a poll racing a webhook, cannot break it either. A report another request
 * attached to a row meanwhile is applied to that row instead (attach).
 */
export async function reconcileLedger(
  side: Side,
  partnerUserRef: string,
  reported: CoinbaseTransaction[],
  db: Database,
  now = new Date(),
): Promise<void> {
  if (reported.length === 0) return;
  const ids = reported.map((t) => t.id);
  const known = await db
    .select()
    .from(rampTransaction)
    .where(
      or(
        inArray(rampTransaction.coinbaseTransactionId, ids),
        inArray(rampTransaction.coinbaseOrderId, ids),
      ),
    );
  const byCoinbaseId = new Map(known.map((row) => [row.coinbaseTransactionId, row]));
  // Coinbase's list of a user's transactions may hold their guest orders too (the v2 API says
  // it lists all they made): those rows follow the order API and its webhooks, not this list.
  const guestOrders = new Set(known.flatMap((row) => row.coinbaseOrderId ?? []));
  const open = await openStartedRows(db, partnerUserRef, side);
  let wallets: Promise<string[]> | undefined; // read only when a report fits no row

  const newestFirst = [...reported].sort((a, b) => timeOf(b, now) - timeOf(a, now));
  for (const report of newestFirst) {
    if (guestOrders.has(report.id)) continue;
    const row = byCoinbaseId.get(report.id);
    if (row) {
      // Another user's row with this id is not ours to touch (Coinbase ids are unique).
      if (row.partnerUserRef === partnerUserRef) await update(db, row, report, now);
      continue;
    }
    const index = originIndex(open, report, timeOf(report, now));
    if (index >= 0) {
      await attach(db, open.splice(index, 1)[0]!, report, now);
      continue;
    }
    wallets ??= walletsOf(db, partnerUserRef);
    const own = (await wallets).some((wallet) => sameAddress(wallet, report.address));
    // Never a sale: its wallet is public, and a stranger's sale would show their deposit address.
    const kept = own && side === "buy";
    log(kept ? "info" : "warn", "ledger_report_unmatched", {
      side,
      coinbaseId: report.id,
      reason: noOriginReason(open, report),
      kept,
    });
    if (kept) await insert(db, partnerUserRef, side, report, now);
  }
}

/**
 * Every wallet the user's session tokens were minted for, buys and sales alike (not their
 * guest orders' wallets: a guest order is no session token, and is listed by its own row).
 */
async function walletsOf(db: Database, partnerUserRef: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ address: rampTransaction.address })
    .from(rampTransaction)
    .where(
      and(
        eq(rampTransaction.partnerUserRef, partnerUserRef),
        isNotNull(rampTransaction.address),
        isNull(rampTransaction.coinbaseOrderId),
      ),
    );
  return rows.map((row) => row.address!);
}

const timeOf = (report: CoinbaseTransaction, now: Date) => reportedStart(report, now).getTime();

async function update(
  db: Database,
  row: RampTransactionRow,
  report: CoinbaseTransaction,
  now: Date,
) {
  const fields = reportedFields(report);
  if (!wouldChange(row, fields)) return; // most polls: nothing new, no write
  await writeReport(db, row.id, report, { ...fields, updatedAt: now });
}

async function attach(
  db: Database,
  row: RampTransactionRow,
  report: CoinbaseTransaction,
  now: Date,
) {
  try {
    await db
      .update(rampTransaction)
      .set({ ...attachedFields(report), coinbaseTransactionId: report.id, updatedAt: now })
      .where(and(eq(rampTransaction.id, row.id), attachable()));
  } catch (error) {
    // A webhook (or another instance) attached this Coinbase id to a row since we read the
    // ledger: the unique id refuses a second one, and the report goes to the row that has it.
    if (!isUniqueViolation(error)) throw error;
    const [holder] = await db
      .select()
      .from(rampTransaction)
      .where(eq(rampTransaction.coinbaseTransactionId, report.id));
    if (holder?.partnerUserRef === row.partnerUserRef) await update(db, holder, report, now);
  }
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
      createdAt: reportedStart(report, now),
      updatedAt: now,
    })
    // Another instance may have inserted it a moment ago: the unique Coinbase id keeps one.
    .onConflictDoNothing({ target: rampTransaction.coinbaseTransactionId });
}
