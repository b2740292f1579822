import "server-only";
import type { NextRequest } from "next/server";
import { bearerKey } from "@/lib/auth/api-keys";
import { partnerUserRefOf, requireCaller } from "@/lib/auth/require-caller";
import { AppError, isAppError } from "@/lib/http/app-error";
import type { Side } from "@/lib/ramp/options";
import type { RampTransaction } from "@/lib/ramp/transactions";
import { findLedgerRow, listLedger } from "./list-ledger";
import { readStatusCapability, statusCapabilityCookieName } from "./status-capability";
import { syncLedger } from "./sync-ledger";
import { toRampTransaction } from "./to-ramp-transaction";

/**
 * Who may read which rows: a user's (or a partner server's user's) all, or one row by
 * capability. A signed-in phone may hold a capability too (`handoffRowId`): a hand-off link of
 * another account's, opened on it.
 */
export type Reader =
  | { kind: "owner"; partnerUserRef: string; handoffRowId?: string }
  | { kind: "capability"; rowId: string };

const PAGE = 20;

/**
 * A session or an API key first; only a request with neither falls back to the phone's
 * capability cookie. Anyone else: 401 `sign_in_required`.
 */
export async function readerOf(
  request: NextRequest,
  fromQuery: string | undefined,
): Promise<Reader> {
  // A partner server (an API key) holds no phone's capability.
  const rowId =
    bearerKey(request.headers) === null &&
    readStatusCapability(request.cookies.get(statusCapabilityCookieName())?.value);
  try {
    const caller = await requireCaller(request);
    const partnerUserRef = partnerUserRefOf(caller, fromQuery);
    return { kind: "owner", partnerUserRef, ...(rowId ? { handoffRowId: rowId } : {}) };
  } catch (error) {
    if (rowId && isAppError(error) && error.code === "sign_in_required")
      return { kind: "capability", rowId };
    throw error;
  }
}

/**
 * The reader's transactions of one side, newest first, after a (throttled) sync with Coinbase.
 * `order`: the one a completion page is about, added after the others when it is the reader's
 * and older than the newest few (the page leads with it: another order's status must not
 * stand in for it).
 */
export async function readTransactions(
  reader: Reader,
  side: Side,
  order?: string,
): Promise<RampTransaction[]> {
  if (reader.kind === "owner") {
    const { partnerUserRef } = reader;
    await syncLedger(side, partnerUserRef);
    const rows = await listLedger(partnerUserRef, { side, limit: PAGE });
    if (order && !rows.some((row) => row.id === order)) {
      const named = await findLedgerRow(order);
      if (named?.partnerUserRef === partnerUserRef && named.side === side) rows.push(named);
      // Paid on this phone through another account's hand-off link: the link lets the phone
      // see that order, signed in here or not (this account's newest is not what was paid).
      else if (named && order === reader.handoffRowId) return readOneRow(named.id, side);
    }
    return rows.map(toRampTransaction);
  }
  // A page about another order than the phone's link (a second link opened since, which
  // replaced the cookie): that order is not shown as this one, nor is it this phone's to see.
  if (order && order !== reader.rowId) throw signInToSee();
  return readOneRow(reader.rowId, side);
}

/** One row, by a phone's capability, after a sync of its owner's ledger. */
async function readOneRow(rowId: string, side: Side): Promise<RampTransaction[]> {
  const row = await findLedgerRow(rowId);
  if (!row || row.side !== side) return [];
  await syncLedger(side, row.partnerUserRef);
  const fresh = await findLedgerRow(row.id);
  return fresh ? [toRampTransaction(fresh)] : [];
}

function signInToSee(): AppError {
  return new AppError("sign_in_required", "Sign in to see this order");
}
