import "server-only";
import { getConfig } from "@/lib/config/env";

/**
 * What a sandbox guest order does once paid. Usually its crypto is sent 3 s later. Sandbox-only
 * triggers, by the cents of the order's total (as the phone number 555-0100 triggers a refusal),
 * for trying what a real order may also do: take a while, or fail after the payment.
 * - total ending in .41: still `PROCESSING` for SANDBOX_SLOW_SETTLE_SECONDS (20 s), then `COMPLETED`;
 * - total ending in .42: `PROCESSING` as long, then `FAILED` (Coinbase could not complete it).
 */
export const ORDER_SETTLE_MS = 3000;

export interface AfterPayment {
  status: "ONRAMP_ORDER_STATUS_COMPLETED" | "ONRAMP_ORDER_STATUS_FAILED";
  afterMs: number;
}

export function afterPayment(paymentTotal: string): AfterPayment {
  const cents = /\.(\d\d)$/.exec(paymentTotal)?.[1];
  const slowMs = getConfig().ramp.sandboxSlowSettleSeconds * 1000;
  if (cents === "41") return { status: "ONRAMP_ORDER_STATUS_COMPLETED", afterMs: slowMs };
  if (cents === "42") return { status: "ONRAMP_ORDER_STATUS_FAILED", afterMs: slowMs };
  return { status: "ONRAMP_ORDER_STATUS_COMPLETED", afterMs: ORDER_SETTLE_MS };
}
