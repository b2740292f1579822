import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { rampTransaction, type RampTransactionRow } from "@/lib/db/schema";
import type { Side } from "@/lib/ramp/options";
import { askedAmountMatches, sameAddress, type OriginClues } from "./origin-clues";

/**
 * Which `started` row a transaction Coinbase reports came from. Coinbase does not say which
 * URL a transaction was made with, and the `partnerUserId` it files it under is a parameter
 * of the pay URL, which the user can edit. So a row is a candidate only when everything the
 * report says matches it: the user and side, asset and network, and the wallet (the one
 * the row's session token was minted for, which the user cannot change: a buy's
 * destination, a sale's source; origin-clues.ts). Among candidates with no Coinbase id
 * attached yet, those started in the hour before the transaction are looked at first; older
 * ones (purchases only: a sale's must be of that hour) only when none is. A start the user
 * left unpaid a month ago stays open for ever, and must not take today's payment by its
 * amount. Among those looked at:
 * 1. those whose amount is what Coinbase reports come first (two tabs, one wallet, two
 *    amounts: the payment is the tab's whose amount was paid);
 * 2. then the newest. Rows left alike by (1) asked for the same thing, so either is right
 *    in substance; the newest is the page a user who went back from Coinbase and started
 *    again paid on, and the one their completion page (and their phone) leads with. The
 *    older one reads "Not completed" after an hour.
 * A report that fits no candidate is never attached to a row: the caller keeps it apart.
 * Used by the poll (reconcile.ts) and the webhooks alike.
 */

// Our clock stamps `started`, Coinbase's stamps its transaction: allow them to differ a little.
const CLOCK_SKEW_MS = 60_000;

/**
 * A sale's wallet proves less than a purchase's: it is the wallet the crypto comes from,
 * anyone can see it and mint a sale "from" it, and the sale's deposit address is where the
 * user is told to send their crypto. So a stranger's sale filed under this user by an edited
 * pay URL must not take a sale the user left unfinished long ago, showing the stranger's
 * deposit address as theirs: a sale is made on the page its session token opened (within 5
 * minutes of the start), so only a start of the hour before it can be its origin.
 */
const SALE_MADE_WITHIN_MS = 60 * 60 * 1000;

// A purchase is paid on the page its start opened, most often within minutes: a start of the
// hour before is looked at before any older one.
const RECENT_START_MS = 60 * 60 * 1000;

/** The user's rows of one side still waiting for Coinbase, oldest first. */
export function openStartedRows(
  db: Database,
  partnerUserRef: string,
  side: Side,
): Promise<RampTransactionRow[]> {
  return db
    .select()
    .from(rampTransaction)
    .where(
      and(
        eq(rampTransaction.partnerUserRef, partnerUserRef),
        eq(rampTransaction.side, side),
        attachable(),
      ),
    )
    .orderBy(asc(rampTransaction.createdAt));
}

/**
 * The index in `open` (oldest first) of the report's origin, or -1; `at` is when Coinbase
 * made it (ms). Rows are looked at in turns, each only when the one before found none:
 * started in the hour before it by our clock; then up to the clock skew after it (so that
 * two purchases a few seconds apart each find their own row); then started earlier.
 */
export function originIndex(open: RampTransactionRow[], report: OriginClues, at: number): number {
  const fits = (row: RampTransactionRow) =>
    sameKind(row, report) &&
    sameAddress(row.address, report.address) &&
    (row.side !== "sell" || at - row.createdAt.getTime() <= SALE_MADE_WITHIN_MS);
  const turns = [
    (started: number) => started <= at && at - started <= RECENT_START_MS,
    (started: number) => started <= at + CLOCK_SKEW_MS && at - started <= RECENT_START_MS,
    (started: number) => started <= at + CLOCK_SKEW_MS,
  ];
  for (const inTurn of turns) {
    const candidates = open.flatMap((row, i) =>
      fits(row) && inTurn(row.createdAt.getTime()) ? [i] : [],
    );
    if (candidates.length === 0) continue;
    const askedFor = candidates.filter((i) => askedAmountMatches(open[i]!, report));
    return (askedFor.length > 0 ? askedFor : candidates).at(-1)!;
  }
  return -1;
}

/**
 * Why a report has no origin, for the log (never the addresses): Coinbase named no wallet;
 * the user's rows of that kind are all for other wallets (an edited pay URL: the report is
 * someone else's, filed under this user); or there is none started before it.
 */
export function noOriginReason(open: RampTransactionRow[], report: OriginClues) {
  const ofKind = open.filter((row) => sameKind(row, report));
  if (ofKind.length === 0) return "no_ledger_row";
  if (!report.address) return "no_address";
  return ofKind.some((row) => sameAddress(row.address, report.address))
    ? "no_ledger_row"
    : "address_mismatch";
}

const sameKind = (row: RampTransactionRow, report: OriginClues) =>
  row.asset.toLowerCase() === report.asset.toLowerCase() &&
  row.network.toLowerCase() === report.network.toLowerCase();

/** A row still free to take a Coinbase id: in the UPDATE that attaches one, against races. */
export function attachable() {
  return and(
    eq(rampTransaction.status, "started"),
    isNull(rampTransaction.coinbaseTransactionId),
    isNull(rampTransaction.coinbaseOrderId),
  )!;
}
