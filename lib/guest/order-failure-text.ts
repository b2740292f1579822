/**
 * What a failed guest order request says about the order itself, which the user cannot tell
 * from an outage: whether Coinbase may have made one. Its orders take no idempotency key and
 * its order API has no cancel, so after a lost answer nobody knows; but an order charges
 * nothing until it is paid, and that is what makes trying again safe. Browser-safe: the server
 * says it of its failures (lib/guest/order-failure.ts), the form of an answer that never came.
 */
export const NO_ORDER_PLACED = "No order was placed.";

const SAFE_TO_TRY_AGAIN = "An order charges nothing unless it is paid, so it is safe to try again.";

/**
 * Coinbase was asked for the order and its answer was lost (a timeout, a 5xx, a cut
 * connection), or it made the order and the app failed to record it.
 */
export const ORDER_MAY_EXIST = `The order could not be confirmed: Coinbase may have made it. ${SAFE_TO_TRY_AGAIN}`;

/** Our answer was lost on its way to the browser: the order may have been placed all the same. */
export const ORDER_ANSWER_LOST = `The answer to your order did not arrive: it may have been placed. ${SAFE_TO_TRY_AGAIN}`;

/**
 * The message a failed `POST /api/guest/orders` shows: the server's, which says whether an
 * order may exist; or, when no answer of ours arrived (the connection failed, a proxy's own
 * error page in its place), that the order may have been placed.
 */
export function failedOrderMessage(failure: {
  status: number;
  code: string;
  message: string;
}): string {
  const unanswered = failure.status === 0 || (failure.code === "unknown" && failure.status >= 500);
  return unanswered ? ORDER_ANSWER_LOST : failure.message;
}
