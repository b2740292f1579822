import "server-only";

/**
 * What a sandbox guest order does once paid. Usually its crypto is sent 3 s later. Sandbox-only
 * triggers, by the cents of the order's total (as the phone number 555-0100 triggers a refusal),
 * for trying what a real order may also do: take a while, or fail after the payment.
 * - total ending in .41: still `PROCESSING` for 20 s, then `COMPLETED`;
 * - total ending in .42: `PROCESSING` for 20 s, then `FAILED` (Coinbase could not complete it).
 */
export const ORDER_SETTLE_MS = 3000;
export const SLOW_SETTLE_MS = 20_000;

export interface AfterPayment {
  status: "ONRAMP_ORDER_STATUS_COMPLETED" | "ONRAMP_ORDER_STATUS_FAILED";
  afterMs: number;
}

export function afterPayment(paymentTotal: string): AfterPayment {
  const cents = /\.(\d\d)$/.exec(paymentTotal)?.[1];
  if (cents === "41") return { status: "ONRAMP_ORDER_STATUS_COMPLETED", afterMs: SLOW_SETTLE_MS };
  if (cents === "42") return { status: "ONRAMP_ORDER_STATUS_FAILED", afterMs: SLOW_SETTLE_MS };
  return { status: "ONRAMP_ORDER_STATUS_COMPLETED", afterMs: ORDER_SETTLE_MS };
}
