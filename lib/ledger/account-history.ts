import "server-only";
import type { PageUser } from "@/lib/auth/page-user";
import { isDatabaseUnavailable } from "@/lib/db/database-errors";
import { log } from "@/lib/log/logger";
import type { RampTransaction } from "@/lib/ramp/transactions";
import { catchUpWithCoinbase, type CatchUpDeps } from "./catch-up";
import { findLedgerRow, listLedger, newerPageAfter } from "./list-ledger";
import { toRampTransaction } from "./to-ramp-transaction";

export type RampHistory =
  | { kind: "signed_out" }
  | { kind: "database_unavailable" }
  | {
      kind: "ready";
      email: string;
      transactions: RampTransaction[];
      /** A page after the first: the newest are a link away. */
      paged: boolean;
      /**
       * On a page after the first, where the page before it starts (`?after=`): undefined
       * when that page is the newest.
       */
      newerAfter?: string;
      /** More, older ones exist: the next page starts after the last shown. */
      older: boolean;
    };

// On a phone each row is a card: fifty made the page some 11,000 px, Coinbase's part below it.
export const HISTORY_PAGE = 20;

/**
 * The signed-in user's ramps, both sides, newest first, a page at a time, straight from the
 * ledger (no Coinbase call: the page shows it at once, then `caughtUpHistory` below).
 * `after`: the last row of the page before (one of the user's own; anything else is ignored
 * and the first page shown). A database that does not answer gives a state the page can
 * explain, never a crash.
 */
export async function loadRampHistory(viewer: PageUser, after?: string): Promise<RampHistory> {
  if (viewer.state === "signed_out") return { kind: "signed_out" };
  if (viewer.state === "unknown") return { kind: "database_unavailable" };
  const { user } = viewer;
  try {
    const from = after ? await findLedgerRow(after) : null;
    const paged = from?.partnerUserRef === user.id;
    // One more than a page: whether there is an older page to link to.
    const rows = await listLedger(user.id, {
      limit: HISTORY_PAGE + 1,
      after: paged ? from.id : undefined,
    });
    const newerAfter = paged ? await newerPageAfter(user.id, from.id, HISTORY_PAGE) : null;
    return {
      kind: "ready",
      email: user.email,
      transactions: rows.slice(0, HISTORY_PAGE).map(toRampTransaction),
      paged,
      ...(newerAfter ? { newerAfter } : {}),
      older: rows.length > HISTORY_PAGE,
    };
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    log("warn", "database_unavailable", { page: "/account" });
    return { kind: "database_unavailable" };
  }
}

/**
 * The history read again once Coinbase was asked about its rows that may still move
 * (catch-up.ts), for the page to stream in place of `shown`; `shown` itself when nothing was
 * asked, or when the ledger cannot be read again (the page keeps what it showed).
 */
export async function caughtUpHistory(
  viewer: PageUser,
  shown: RampHistory,
  after?: string,
  deps: Partial<CatchUpDeps> = {},
): Promise<RampHistory> {
  if (viewer.state !== "signed_in" || shown.kind !== "ready") return shown;
  if (!(await catchUpWithCoinbase(viewer.user, shown.transactions, deps))) return shown;
  const again = await loadRampHistory(viewer, after);
  return again.kind === "ready" ? again : shown;
}
