import "server-only";
import { getConfig } from "@/lib/config/env";
import { paymentOverLimits } from "./guest-limits";
import { declineOrder, orderOfSession, payOrder, type GuestOrder } from "./guest-orders";

/**
 * The payment link's page (`/v2/api-onramp/apple-pay|google-pay?sessionToken=…` on the pay
 * host), as data: the order it pays, the button to draw, and the exact origin of the page
 * that may frame it, derived from the order's `domain` (the sandbox's own app when the
 * hostnames match). Events are posted to that origin only.
 */
export type ButtonKind = "apple-pay" | "google-pay";

export type PaymentPage =
  | {
      ok: true;
      kind: ButtonKind;
      sessionToken: string;
      parentOrigin: string;
      total: string;
      asset: string;
      amount: string;
      status: GuestOrder["status"];
    }
  | { ok: false; message: string };

export function paymentPage(kind: string, sessionToken: unknown): PaymentPage {
  if (kind !== "apple-pay" && kind !== "google-pay")
    return { ok: false, message: "Unknown payment button." };
  const order = typeof sessionToken === "string" ? orderOfSession(sessionToken) : undefined;
  if (!order) return { ok: false, message: "This payment link is not valid." };
  const expected = order.paymentMethod === "GUEST_CHECKOUT_APPLE_PAY" ? "apple-pay" : "google-pay";
  if (kind !== expected) return { ok: false, message: "This payment link is for another wallet." };
  return {
    ok: true,
    kind,
    sessionToken: order.sessionToken,
    parentOrigin: parentOriginOf(order.domain),
    total: `${order.figures.payment_total.value} ${order.figures.payment_total.currency}`,
    asset: order.asset,
    amount: order.figures.purchase_amount.value,
    status: order.status,
  };
}

/** The framing page's origin: the app itself when its hostname is the order's domain. */
export function parentOriginOf(domain: string): string {
  const app = new URL(getConfig().appUrl);
  return app.hostname === domain ? app.origin : `https://${domain}`;
}

/** The frame-ancestors of a payment-link page: only the app that embeds it. */
export function paymentFrameAncestors(): string {
  return new URL(getConfig().appUrl).origin;
}

export type CommitAction = "pay" | "decline";

/** What the pay page's buttons do; the new status, or null when the session is not payable. */
export function commitPayment(sessionToken: string, action: CommitAction) {
  const order = orderOfSession(sessionToken);
  if (!order) return null;
  // An order paid after others used up the week's limit is declined, as Coinbase would.
  const pays = action === "pay" && !paymentOverLimits(order);
  const done = pays ? payOrder(order) : declineOrder(order);
  return done ? order.status : null;
}

/** The status the pay page polls after "Pay". */
export function sessionStatus(sessionToken: string) {
  return orderOfSession(sessionToken)?.status ?? null;
}
