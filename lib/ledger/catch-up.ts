import "server-only";
import type { SignedInUser } from "@/lib/auth/current-user";
import { isDatabaseUnavailable, loggableMessage } from "@/lib/db/database-errors";
import { refreshOrder } from "@/lib/guest/orders";
import { isAppError } from "@/lib/http/app-error";
import { log } from "@/lib/log/logger";
import type { Side } from "@/lib/ramp/options";
import { awaitsCoinbase, type RampTransaction } from "@/lib/ramp/transactions";
import { syncLedger } from "./sync-ledger";

/**
 * The account page asks Coinbase about the rows it shows that Coinbase may still move. Without
 * webhooks (the live default without CDP_WEBHOOK_SECRET, or an event that never came), only a
 * completion page or `/api/transactions` asked: a user who paid on Coinbase's page and closed
 * the tab before ours loaded saw "Not completed" here forever.
 *
 * On the server, rather than from the browser through `/api/transactions`: no script of its
 * own, every row of whichever page of the history is shown (that API lists a side's newest 20),
 * and none of the user's look-up rate limit spent. Not before the page is shown: the history
 * shows at once from the ledger, and the caught-up one streams in to replace it
 * (components/account/CatchingUpHistory.tsx), as the page's Coinbase Connect part does. The
 * hosted ramps' sync is the throttled one of the completion pages (a Coinbase call per user
 * and side every few seconds at most, across instances), a guest order is read as its own page
 * reads it (lib/guest/recent-orders.ts), and the stream waits for them at most
 * `CATCH_UP_WAIT_MS`. Coinbase slow: the ledger as shown stays, the calls go on and write what
 * they learn for the next visit. Coinbase down or refusing: logged, and the rows stay as they
 * were, as everywhere else.
 */
export const CATCH_UP_WAIT_MS = 2_000;

// A guest order is one call each: the newest few still open, paid ones first (an order left
// unpaid may stay so for good: newer unpaid ones must not keep a paid one from being asked).
const GUEST_ORDERS_ASKED = 3;

export interface CatchUpDeps {
  sync: (side: Side, partnerUserRef: string) => Promise<unknown>;
  refreshOrder: (user: SignedInUser, orderId: string) => Promise<unknown>;
  waitMs: number;
}

/** What Coinbase may still move among `transactions`: the sides of its hosted ramps, and guest orders. */
export function unsettledOf(transactions: RampTransaction[]): {
  sides: Side[];
  guestOrders: string[];
} {
  const open = transactions.filter(awaitsCoinbase);
  const sides = (["buy", "sell"] as const).filter((side) =>
    open.some((t) => t.side === side && !t.guestOrderId),
  );
  const unpaidLast = (t: RampTransaction) => Number(t.status === "awaiting_payment");
  const guestOrders = open
    .filter((t) => t.guestOrderId)
    .sort((a, b) => unpaidLast(a) - unpaidLast(b))
    .map((t) => t.guestOrderId!);
  return { sides, guestOrders: guestOrders.slice(0, GUEST_ORDERS_ASKED) };
}

/** Whether any of `transactions` is one Coinbase may still move: worth asking about. */
export function needsCatchUp(transactions: RampTransaction[]): boolean {
  const { sides, guestOrders } = unsettledOf(transactions);
  return sides.length + guestOrders.length > 0;
}

/**
 * Asks Coinbase about `transactions` (newest first) that may still move, waiting at most
 * `waitMs`; never throws. True when anything was asked: the ledger may have changed.
 */
export async function catchUpWithCoinbase(
  user: SignedInUser,
  transactions: RampTransaction[],
  deps: Partial<CatchUpDeps> = {},
): Promise<boolean> {
  const { sync = syncLedger, refreshOrder: refresh = refreshOrder } = deps;
  const { sides, guestOrders } = unsettledOf(transactions);
  const asked = [
    ...sides.map((side) => sync(side, user.id)),
    ...guestOrders.map((orderId) => refresh(user, orderId)),
  ];
  if (asked.length === 0) return false;
  const answered = Promise.allSettled(asked).then((results) => {
    for (const result of results) if (result.status === "rejected") logFailure(result.reason);
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, deps.waitMs ?? CATCH_UP_WAIT_MS);
  });
  await Promise.race([answered, late]);
  clearTimeout(timer);
  return true;
}

function logFailure(error: unknown) {
  if (isAppError(error) || isDatabaseUnavailable(error))
    log("warn", "account_catch_up_skipped", {
      reason: isAppError(error) ? error.code : "database_unavailable",
    });
  // Not String(error): a failed query's text carries its parameters (ids, addresses).
  else log("error", "account_catch_up_failed", { error: loggableMessage(error) });
}
