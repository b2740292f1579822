import type { Money } from "./quote-schema";
import type { Side } from "./options";

/**
 * A ramp transaction as the completion pages show it. `started`: the app minted the
 * Coinbase URL and Coinbase has reported nothing yet. Coinbase's statuses are CREATED,
 * IN_PROGRESS, SUCCESS and FAILED; a sell that is in progress, or created with its deposit
 * address, with no deposit yet is waiting for the user to send the crypto. A guest order
 * Coinbase has made but not taken the payment for (PENDING_PAYMENT) is `awaiting_payment`: no
 * money has moved. Browser-safe.
 */
export type TransactionStatus =
  | "started"
  | "created"
  | "awaiting_payment"
  | "in_progress"
  | "awaiting_deposit"
  | "success"
  | "failed";

export interface RampTransaction {
  /** The app's ledger id (Coinbase's own in `coinbaseId`, once Coinbase reported it). */
  id: string;
  coinbaseId?: string;
  /** A guest checkout order's id at Coinbase: its page is /buy/guest/orders/<id>. */
  guestOrderId?: string;
  side: Side;
  status: TransactionStatus;
  asset: string;
  network: string;
  crypto?: Money;
  fiat?: Money;
  /** Coinbase's and the network's fees together. */
  fee?: Money;
  /** Sell only: where the user must send the crypto. */
  toAddress?: string;
  txHash?: string;
  createdAt: string;
  /**
   * When Coinbase says it made it, for a start it has reported on (a sale: when the user
   * confirmed it on Coinbase's page, as long after the start as they took there).
   */
  madeAt?: string;
  failureReason?: string;
  /**
   * A guest order changed before it was paid (or placed late by a second tab replacing the same
   * order): the order that took its place.
   */
  replacedBy?: string;
}

/**
 * Whether a sale waiting for its crypto can say where to send it: Coinbase's report names
 * the address and the amount. An event may come before them; until then, nothing to send.
 */
export function depositKnown(transaction: RampTransaction): boolean {
  return Boolean(transaction.toAddress?.trim() && transaction.crypto?.value);
}

/**
 * Whether a purchase Coinbase reports as a transaction (the v1 list, a hosted-shaped webhook)
 * was paid in a guest order (Apple Pay or Google Pay, the v2 API): both shapes name these
 * methods. Such a purchase is in the ledger as its order (`coinbase_order_id`, its own events);
 * read again under a transaction id, it would be counted twice, or taken for a hosted start.
 */
export function paidInGuestOrder(paymentMethod: string | null | undefined): boolean {
  return (
    paymentMethod === "GUEST_CHECKOUT_APPLE_PAY" || paymentMethod === "GUEST_CHECKOUT_GOOGLE_PAY"
  );
}

/** A transaction hash Coinbase has given, or undefined: it writes "0x" until there is one. */
export function knownHash(value: string | null | undefined): string | undefined {
  const hash = value?.trim();
  return hash && hash !== "0x" ? hash : undefined;
}

export function isFinal(status: TransactionStatus): boolean {
  return status === "success" || status === "failed";
}

/** A sale Coinbase closed because the crypto never came (Coinbase's status EXPIRED). */
export const EXPIRED_REASON = "Expired: the crypto did not arrive in time";

/**
 * Coinbase's status (the v1 lists' `ONRAMP_TRANSACTION_STATUS_*`, the offramp events'
 * `TRANSACTION_STATUS_*`) as the app's. A sale reported CREATED with its deposit address
 * (`toAddress`) is as started: the user was given the address and its 30 minutes run.
 */
export function normaliseStatus(
  raw: string,
  side: Side,
  txHash: string | undefined,
  toAddress?: string,
): TransactionStatus {
  const s = raw.replace(/^(ONRAMP_|OFFRAMP_)?TRANSACTION_STATUS_/, "");
  if (s === "SUCCESS") return "success";
  if (s === "FAILED" || s === "EXPIRED") return "failed";
  const depositAddressed = side === "sell" && s === "CREATED" && Boolean(toAddress?.trim());
  if (s === "IN_PROGRESS" || s === "STARTED" || depositAddressed)
    return side === "sell" && !txHash ? "awaiting_deposit" : "in_progress";
  // A purchase waiting for the user to authenticate or pay: nothing charged yet.
  if ((s === "AWAITING_AUTH" || s === "AWAITING_PAYMENT") && side === "buy")
    return "awaiting_payment";
  return "created";
}

export const STATUS_LABELS: Record<TransactionStatus, string> = {
  started: "Waiting for Coinbase",
  created: "Started",
  awaiting_payment: "Not paid yet",
  in_progress: "In progress",
  awaiting_deposit: "Waiting for your crypto",
  success: "Success",
  failed: "Failed",
};

/**
 * What the user sees: a status, except that
 * - a purchase or sale the user cancelled on Coinbase's page is "cancelled", not "failed"
 *   (both FAILED; a reason naming a cancel tells them apart). The sandbox's Cancel gives one;
 *   Coinbase documents none (its webhook reasons are BUY_FAILED and SEND_FAILED), so live, a
 *   cancel most likely reads "not completed" (nothing reported) or "failed";
 * - a sale Coinbase closed because the crypto never came is "expired": its next step is a new
 *   sale, not a look at why it failed;
 * - one Coinbase has said nothing of past its session token's life (5 minutes: the pay URL
 *   cannot be opened after that) is "not completed": most likely the user left Coinbase's page,
 *   and the next step is to start again. It is not failed: should Coinbase report on it after
 *   all (a user still paying on a page opened in time), the row moves on as usual, and pages
 *   keep asking for an hour since it was started (`isSettled`); so is one Coinbase made
 *   (CREATED), or a purchase it holds unpaid on its page, and said nothing more of for an hour;
 * - a guest order the user changed before paying it (or one a second tab placed in place of an
 *   order the first had replaced already) is "replaced": another order took its place, and it
 *   is no longer waited for (nor offered to be paid);
 * - a sale that has waited for the user's crypto past Coinbase's window (30 minutes) is
 *   "deposit_overdue": its deposit address may no longer take it, so no page offers it any
 *   more and each says to send nothing (should Coinbase report on it after all, the row moves
 *   on as usual).
 */
export type Outcome =
  TransactionStatus | "cancelled" | "expired" | "not_completed" | "replaced" | "deposit_overdue";

// How long a start is waited for.
const AN_HOUR_MS = 60 * 60 * 1000;
// How long Coinbase waits for a sale's crypto (the Offramp docs: the transaction times out 30
// minutes after the user confirms it on Coinbase's page): the deposit box gives no longer.
export const DEPOSIT_WINDOW_MS = 30 * 60 * 1000;
// A session token's life (session-token docs): past it, a start Coinbase has said nothing
// of reads "not completed".
const TOKEN_LIFE_MS = 5 * 60 * 1000;

const startedWithinTheHour = (t: Pick<RampTransaction, "createdAt">, now: number) =>
  now - Date.parse(t.createdAt) <= AN_HOUR_MS;

/**
 * How long a sale has waited for the user's crypto: since Coinbase made it (the user may have
 * taken a while on Coinbase's page before confirming), never since before the app started it.
 */
const depositWaitedMs = (t: Pick<RampTransaction, "createdAt" | "madeAt">, now: number) =>
  now - depositFrom(t);

const depositFrom = (t: Pick<RampTransaction, "createdAt" | "madeAt">) =>
  Math.max(Date.parse(t.createdAt), t.madeAt ? Date.parse(t.madeAt) || 0 : 0);

/** When a sale's deposit window ends (the deposit box says it: past it, send nothing). */
export const depositDueAt = (t: Pick<RampTransaction, "createdAt" | "madeAt">): string =>
  new Date(depositFrom(t) + DEPOSIT_WINDOW_MS).toISOString();

/** A start Coinbase has said nothing of for longer than `ms`. */
const unreportedFor = (ms: number, t: Pick<RampTransaction, "status" | "createdAt">, now: number) =>
  t.status === "started" && now - Date.parse(t.createdAt) > ms;

/**
 * Coinbase made it (CREATED: its page opened), or a purchase on its page waits for the user to
 * authenticate or pay, and Coinbase has said nothing since, for over an hour: the user left that
 * page. Read as a start never reported on, should Coinbase never say more. Not a guest order
 * waiting for payment: its own page offers to pay it, for as long as Coinbase keeps it open.
 */
const leftOnCoinbasePage = (
  t: Pick<RampTransaction, "status" | "createdAt" | "guestOrderId">,
  now: number,
) =>
  (t.status === "created" || (t.status === "awaiting_payment" && !t.guestOrderId)) &&
  !startedWithinTheHour(t, now);

const replaced = (t: Pick<RampTransaction, "status" | "replacedBy">) =>
  Boolean(t.replacedBy) && (t.status === "created" || t.status === "awaiting_payment");

export function outcomeOf(
  t: Pick<
    RampTransaction,
    "status" | "failureReason" | "createdAt" | "madeAt" | "replacedBy" | "guestOrderId"
  >,
  now = Date.now(),
): Outcome {
  if (t.status === "failed" && /cancel/i.test(t.failureReason ?? "")) return "cancelled";
  if (t.status === "failed" && t.failureReason === EXPIRED_REASON) return "expired";
  if (replaced(t)) return "replaced";
  if (t.status === "awaiting_deposit" && depositWaitedMs(t, now) > DEPOSIT_WINDOW_MS)
    return "deposit_overdue";
  if (leftOnCoinbasePage(t, now)) return "not_completed";
  return unreportedFor(TOKEN_LIFE_MS, t, now) ? "not_completed" : t.status;
}

/** Ended without the crypto or the money changing hands. */
export const ENDED_UNDONE: readonly Outcome[] = [
  "failed",
  "cancelled",
  "expired",
  "not_completed",
  "replaced",
  "deposit_overdue",
];

// Nothing was charged for these (yet): a fee quoted when it started was never taken. A sale
// waiting for the user's crypto has taken nothing either: its fee comes out of the cash-out.
const UNCHARGED: readonly Outcome[] = [
  "created",
  "awaiting_payment",
  "awaiting_deposit",
  ...ENDED_UNDONE,
];

/** The fees the user was charged, as the history shows them: none while nothing was charged. */
export function chargedFee(
  t: Pick<
    RampTransaction,
    "status" | "failureReason" | "createdAt" | "madeAt" | "fee" | "replacedBy" | "guestOrderId"
  >,
  now = Date.now(),
): Money | undefined {
  return UNCHARGED.includes(outcomeOf(t, now)) ? undefined : t.fee;
}

/**
 * An earlier sale whose deposit the completion page still shows beside the newest one: one
 * waiting for its crypto, within its deposit window. An older one is only listed: its deposit
 * address may have run out, and a missed report must not send the user's crypto there.
 */
export function recentlyAwaitingDeposit(
  t: Pick<RampTransaction, "status" | "createdAt" | "madeAt">,
  now = Date.now(),
) {
  return t.status === "awaiting_deposit" && depositWaitedMs(t, now) <= DEPOSIT_WINDOW_MS;
}

/**
 * Whether the page may stop asking about it: Coinbase has ended it, never will report, or (a
 * sale whose crypto has not come within its window and an hour more) it was said to send
 * nothing an hour ago. Crypto sent just before the window closed may be reported after it: the
 * page asks on until then.
 */
export function isSettled(
  t: Pick<RampTransaction, "status" | "createdAt" | "madeAt" | "replacedBy" | "guestOrderId">,
  now = Date.now(),
) {
  return (
    isFinal(t.status) ||
    unreportedFor(AN_HOUR_MS, t, now) ||
    leftOnCoinbasePage(t, now) ||
    replaced(t) ||
    (t.status === "awaiting_deposit" && depositWaitedMs(t, now) > DEPOSIT_WINDOW_MS + AN_HOUR_MS)
  );
}

/**
 * The order that took this one's place while it was unpaid: its page, the history and a pay
 * step left open on it name that order instead of offering to pay this one. None once Coinbase
 * reports it paid after all (its old button used): then it is followed as any other.
 */
export function replacingOrder(t: Pick<RampTransaction, "status" | "replacedBy">) {
  return replaced(t) ? t.replacedBy : undefined;
}

/**
 * Whether Coinbase may still move it: not final, nor replaced. Unlike `isSettled`, a start
 * unreported for an hour counts: a user who paid on Coinbase's page and left before any page
 * of ours asked is reported whenever the app asks (the account page does: lib/ledger/catch-up.ts).
 */
export function awaitsCoinbase(t: Pick<RampTransaction, "status" | "replacedBy">) {
  return !isFinal(t.status) && !replaced(t);
}

// Coinbase reports why a purchase failed as a code (its webhooks' FAILURE_REASON_*): in words.
const FAILURE_WORDS: Record<string, string> = {
  FAILURE_REASON_BUY_FAILED: "Coinbase could not complete the purchase.",
  FAILURE_REASON_SEND_FAILED: "Coinbase could not send the crypto to your wallet.",
  // Shown beside "Expired", which it would otherwise repeat.
  [EXPIRED_REASON]: "The crypto did not arrive in time.",
};

/** Why a transaction failed, as a user reads it; nothing for a code we have no words for. */
export function failureText(reason: string | undefined): string | undefined {
  if (!reason) return undefined;
  return FAILURE_WORDS[reason] ?? (/^[A-Z][A-Z0-9_]+$/.test(reason) ? undefined : reason);
}

// Coinbase's reason is worth showing for these; a cancellation's is the user's own doing.
const WITH_REASON: Outcome[] = ["failed", "expired"];

/** The reason shown beside an outcome: why it failed or expired, in words; else nothing. */
export function shownReason(outcome: Outcome, reason: string | undefined): string | undefined {
  return WITH_REASON.includes(outcome) ? failureText(reason) : undefined;
}

export const OUTCOME_LABELS: Record<Outcome, string> = {
  ...STATUS_LABELS,
  cancelled: "Cancelled",
  expired: "Expired",
  not_completed: "Not completed",
  replaced: "Replaced, not paid",
  deposit_overdue: "Not received: send nothing",
};
