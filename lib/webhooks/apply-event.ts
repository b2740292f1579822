import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/database-errors";
import { rampTransaction, type RampTransactionRow, type WebhookOutcome } from "@/lib/db/schema";
import { attachable, noOriginReason, openStartedRows, originIndex } from "@/lib/ledger/find-origin";
import {
  attachedFields,
  reportedFields,
  reportedStart,
  wouldChange,
} from "@/lib/ledger/reported-fields";
import { writeReport } from "@/lib/ledger/status-order";
import { sumFees } from "@/lib/ledger/sum-fees";
import { isFinal } from "@/lib/ramp/transactions";
import type { WebhookReport } from "./to-report";

export interface Applied {
  outcome: WebhookOutcome;
  /** Why an event changed nothing (for the log line); never a user's data. */
  reason?: string;
}

/**
 * Applies one event to the ledger row it is about: the row carrying its Coinbase id, else
 * the `started` row it came from (as reconciliation finds it: the wallet must be the row's).
 * A transaction we have no row for is not inserted, unlike a poll's: the event stays in
 * `webhook_event` as `unmatched`, with why in the log (the next poll of that user inserts a
 * purchase as a row of its own if its wallet is theirs: reconcile.ts). A pay URL whose `partnerUserRef` was edited to another user's thus
 * changes none of that user's rows, unless it paid into that user's own wallet. A guest
 * order never comes from a `started` row (those are hosted checkouts): its event may arrive
 * before the order route has written its row, so it writes the row itself. Older than what
 * the row holds, or from a final row, it is `stale`; the same state again under a new event
 * id, `duplicate`.
 */
export async function applyReport(
  db: Database,
  report: WebhookReport,
  now = new Date(),
): Promise<Applied> {
  // Twice at most: a poll or another instance may attach the row between our read and write.
  for (let attempt = 0; attempt < 2; attempt++) {
    const row = await findByCoinbaseId(db, report);
    if (row) {
      if (report.partnerUserRef && row.partnerUserRef !== report.partnerUserRef)
        return { outcome: "unmatched", reason: "other_user" };
      return update(db, row, report, now);
    }
    if (!report.partnerUserRef) return { outcome: "unmatched", reason: "no_partner_user_ref" };
    if (report.idKind === "order") {
      // Written by the order route meanwhile: the next turn finds it by id and updates it.
      if (await insertOrder(db, report.partnerUserRef, report, now)) return { outcome: "applied" };
      continue;
    }
    const open = await openStartedRows(db, report.partnerUserRef, report.side);
    const origin = open[originIndex(open, report, reportedStart(report, now).getTime())];
    if (!origin) return { outcome: "unmatched", reason: noOriginReason(open, report) };
    if (await attach(db, origin, report, now)) return { outcome: "applied" };
  }
  return { outcome: "unmatched", reason: "no_ledger_row" };
}

const idColumn = (report: WebhookReport) =>
  report.idKind === "order"
    ? rampTransaction.coinbaseOrderId
    : rampTransaction.coinbaseTransactionId;

async function findByCoinbaseId(db: Database, report: WebhookReport) {
  const [row] = await db
    .select()
    .from(rampTransaction)
    .where(eq(idColumn(report), report.id));
  return row;
}

function fieldsOf(report: WebhookReport) {
  return { ...reportedFields(report), coinbaseUpdatedAt: report.upstreamAt };
}

async function update(
  db: Database,
  row: RampTransactionRow,
  report: WebhookReport,
  now: Date,
): Promise<Applied> {
  const { coinbaseUpdatedAt, ...fields } = fieldsOf(report);
  const filled = row.coinbaseOrderId ? missingOrderFields(row, report) : {};
  const restamped =
    coinbaseUpdatedAt !== undefined &&
    coinbaseUpdatedAt.getTime() !== row.coinbaseUpdatedAt?.getTime();
  if (!restamped && !wouldChange(row, fields) && Object.keys(filled).length === 0) {
    return { outcome: "duplicate" };
  }
  const written = await writeReport(
    db,
    row.id,
    { ...report, at: coinbaseUpdatedAt },
    { ...fields, ...filled, coinbaseUpdatedAt, updatedAt: now },
  );
  // Its status is behind the row's, or the row is final (a sparse "completed" came first, and
  // took only its hash from this one): what the row lacks is still the order's, and its
  // asset, wallet, amounts and fee fill the gaps, nothing else.
  if (Object.keys(filled).length > 0) await fillGaps(db, row.id, filled, now);
  if (written || Object.keys(filled).length > 0) return { outcome: "applied" };
  return { outcome: "stale", reason: isFinal(row.status) ? "final" : "older" };
}

/** Writes `filled` into the row's columns still empty (null or ""), whatever its status. */
async function fillGaps(db: Database, rowId: string, filled: OrderFields, now: Date) {
  const set = Object.fromEntries(
    Object.entries(filled).map(([key, value]) => [
      key,
      sql`coalesce(nullif(${rampTransaction[key as keyof OrderFields]}, ''), ${value})`,
    ]),
  );
  await db
    .update(rampTransaction)
    .set({ ...set, updatedAt: now })
    .where(eq(rampTransaction.id, rowId));
}

/**
 * What a guest order's row lacks and this report names: a row its first event wrote may hold
 * no asset, network, wallet or amounts (only the order's id and status are sure to be in an
 * event), and the history, "Buy again" and the last order's notice read them. The order route fills them in too, if it
 * gets to record the order (lib/guest/orders.ts).
 */
function missingOrderFields(row: RampTransactionRow, report: WebhookReport): OrderFields {
  const fee = sumFees(report.fees);
  const named: Required<OrderFields> = {
    asset: report.asset,
    network: report.network,
    address: report.address ?? "",
    fiatAmount: report.fiat?.value ?? "",
    fiatCurrency: report.fiat?.currency ?? "",
    cryptoAmount: report.crypto?.value ?? "",
    // Both or neither: a fee is its amount in its currency.
    feeAmount: row.feeAmount ? "" : (fee?.value ?? ""),
    feeCurrency: row.feeAmount ? "" : (fee?.currency ?? ""),
  };
  return Object.fromEntries(
    Object.entries(named).filter(([key, value]) => value && !row[key as keyof OrderFields]),
  );
}

type OrderFields = Partial<
  Pick<
    Record<keyof RampTransactionRow, string>,
    | "asset"
    | "network"
    | "address"
    | "fiatAmount"
    | "fiatCurrency"
    | "cryptoAmount"
    | "feeAmount"
    | "feeCurrency"
  >
>;

async function attach(db: Database, row: RampTransactionRow, report: WebhookReport, now: Date) {
  try {
    // In a savepoint of its own: the event is applied inside a transaction, which a refused
    // statement would otherwise end, and the next turn needs it.
    const written = await db.transaction((savepoint) =>
      savepoint
        .update(rampTransaction)
        .set({
          ...attachedFields(report),
          coinbaseUpdatedAt: report.upstreamAt,
          ...idOf(report),
          updatedAt: now,
        })
        .where(and(eq(rampTransaction.id, row.id), attachable()))
        .returning({ id: rampTransaction.id }),
    );
    return written.length > 0;
  } catch (error) {
    // A poll attached this Coinbase id to another row meanwhile: the next turn finds that row.
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

async function insertOrder(db: Database, partnerUserRef: string, report: WebhookReport, now: Date) {
  const written = await db
    .insert(rampTransaction)
    .values({
      ...fieldsOf(report),
      partnerUserRef,
      side: "buy",
      asset: report.asset,
      network: report.network,
      address: report.address,
      coinbaseOrderId: report.id,
      // When the order was placed, not when its event came: a row the order route never wrote
      // (it failed after Coinbase took the order) is listed, and aged, by the order's own time.
      createdAt: reportedStart(report, now),
      updatedAt: now,
    })
    .onConflictDoNothing({ target: rampTransaction.coinbaseOrderId })
    .returning({ id: rampTransaction.id });
  return written.length > 0;
}

const idOf = (report: WebhookReport) =>
  report.idKind === "order" ? { coinbaseOrderId: report.id } : { coinbaseTransactionId: report.id };
