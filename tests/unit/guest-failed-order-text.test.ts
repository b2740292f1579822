import { test } from "node:test";
import assert from "node:assert/strict";
import { failedAfterPaymentText, failedOrderCopy } from "../../lib/guest/failed-order-text";

/**
 * A failed guest order seen paid in this tab ("Payment received") was not declined: its copy
 * says the order failed after the payment, and whom to ask, never "if your card was declined".
 */
test("seen paid in this tab: the order failed after the payment; else a decline leads", () => {
  assert.equal(failedOrderCopy(true), "after_payment");
  assert.equal(failedOrderCopy(false), "maybe_declined");
});

test("the after-payment copy names support and the order number, and promises no refund", () => {
  const text = failedAfterPaymentText("below");
  assert.match(text, /^failed after your payment was received/);
  assert.match(text, /Contact Coinbase support about the payment, with the order number below\.$/);
  // Coinbase's guest order docs say nothing of declines here, nor of refunds.
  assert.doesNotMatch(text, /declined|refund|nothing was charged/i);
});
