/**
 * What a failed guest order says first. Coinbase's order does not tell a declined card from a
 * failure after the payment, so a decline, the usual case, leads. A tab that saw the payment
 * received (its payment button said so, or Coinbase had the order paid) knows better: that user
 * was not declined, and is told the order failed after the payment and whom to ask. Coinbase
 * documents no refund for guest orders, so none is promised. Browser-safe.
 */
export type FailedOrderCopy = "maybe_declined" | "after_payment";

export const failedOrderCopy = (seenPaid: boolean): FailedOrderCopy =>
  seenPaid ? "after_payment" : "maybe_declined";

/** Follows the order's name ("The purchase", "Your last order, $16.41 of USDC on Base,"). */
export const failedAfterPaymentText = (orderNumberWhere: string) =>
  `failed after your payment was received, and no crypto was sent. Contact Coinbase support about the payment, with the order number ${orderNumberWhere}.`;
