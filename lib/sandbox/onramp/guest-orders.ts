import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { processSingleton } from "@/lib/process/singleton";
import type { BuyFigures } from "../cdp/pricing";
import { fakeTxHash } from "../cdp/chain-fakes";
import { publishEvent } from "../webhooks/sender";
import { later } from "../webhooks/transaction-events";
import { afterPayment } from "./after-payment";

/**
 * The sandbox's guest orders: made `PENDING_PAYMENT` with a payment-link session, moved to
 * `PROCESSING` by the pay page's "Pay" and to `COMPLETED` 3 s later (with a tx hash; other
 * outcomes by sandbox trigger: after-payment.ts), or to `FAILED` by "Decline" (nothing
 * charged). Each change is a webhook event in Coinbase's OnrampOrderPayload shape. Status is
 * kept as a field; the settling moment has its timer.
 */
const MAX_KEPT = 10_000;

export type OrderStatus =
  | "ONRAMP_ORDER_STATUS_PENDING_PAYMENT"
  | "ONRAMP_ORDER_STATUS_PROCESSING"
  | "ONRAMP_ORDER_STATUS_COMPLETED"
  | "ONRAMP_ORDER_STATUS_FAILED";

export interface NewOrder {
  partnerUserRef: string;
  phoneNumber: string;
  paymentMethod: "GUEST_CHECKOUT_APPLE_PAY" | "GUEST_CHECKOUT_GOOGLE_PAY";
  asset: string;
  network: string;
  address: string;
  domain: string;
  figures: BuyFigures;
  exchangeRate: string;
}

export interface GuestOrder extends NewOrder {
  orderId: string;
  sessionToken: string;
  status: OrderStatus;
  createdAt: number;
  updatedAt: number;
  txHash?: string;
}

const store = () =>
  processSingleton("sandbox.onramp-orders", () => ({
    orders: new Map<string, GuestOrder>(),
    bySession: new Map<string, string>(),
  }));

export function createGuestOrder(input: NewOrder, now = Date.now()): GuestOrder {
  const order: GuestOrder = {
    ...input,
    orderId: randomUUID(),
    sessionToken: randomBytes(24).toString("base64url"),
    status: "ONRAMP_ORDER_STATUS_PENDING_PAYMENT",
    createdAt: now,
    updatedAt: now,
  };
  const { orders, bySession } = store();
  orders.set(order.orderId, order);
  bySession.set(order.sessionToken, order.orderId);
  if (orders.size > MAX_KEPT) {
    const oldest = orders.values().next().value!;
    orders.delete(oldest.orderId);
    bySession.delete(oldest.sessionToken);
  }
  announce("created", order);
  return order;
}

export function findGuestOrder(orderId: string): GuestOrder | undefined {
  return store().orders.get(orderId);
}

export function orderOfSession(sessionToken: string): GuestOrder | undefined {
  const id = store().bySession.get(sessionToken);
  return id ? store().orders.get(id) : undefined;
}

/** Every order of one phone number (limits are per user). */
export function ordersOfPhone(phoneNumber: string): GuestOrder[] {
  return [...store().orders.values()].filter((o) => o.phoneNumber === phoneNumber);
}

/** The pay page's "Pay": charged now, crypto sent 3 s later (see after-payment.ts). False if not payable. */
export function payOrder(order: GuestOrder, now = Date.now()): boolean {
  if (order.status !== "ONRAMP_ORDER_STATUS_PENDING_PAYMENT") return false;
  move(order, "ONRAMP_ORDER_STATUS_PROCESSING", now);
  announce("updated", order);
  const next = afterPayment(order.figures.payment_total.value);
  later(next.afterMs, () => {
    if (next.status === "ONRAMP_ORDER_STATUS_FAILED") {
      move(order, next.status, Date.now());
      announce("failed", order);
      return;
    }
    order.txHash = fakeTxHash(order.network);
    move(order, next.status, Date.now());
    announce("success", order);
  });
  return true;
}

/** The pay page's "Decline": the card was refused, nothing is charged. */
export function declineOrder(order: GuestOrder, now = Date.now()): boolean {
  if (order.status !== "ONRAMP_ORDER_STATUS_PENDING_PAYMENT") return false;
  move(order, "ONRAMP_ORDER_STATUS_FAILED", now);
  announce("failed", order);
  return true;
}

function move(order: GuestOrder, status: OrderStatus, now: number) {
  order.status = status;
  // Strictly later than the previous state, so events order even within one millisecond.
  order.updatedAt = Math.max(now, order.updatedAt + 1);
}

/** The order as `GET /v2/onramp/orders/{id}` answers it. */
export function orderView(order: GuestOrder) {
  const f = order.figures;
  return {
    orderId: order.orderId,
    status: order.status,
    paymentTotal: f.payment_total.value,
    paymentSubtotal: f.payment_subtotal.value,
    paymentCurrency: f.payment_total.currency,
    paymentMethod: order.paymentMethod,
    purchaseAmount: f.purchase_amount.value,
    purchaseCurrency: order.asset,
    fees: [
      {
        type: "FEE_TYPE_EXCHANGE",
        amount: f.coinbase_fee.value,
        currency: f.coinbase_fee.currency,
      },
      { type: "FEE_TYPE_NETWORK", amount: f.network_fee.value, currency: f.network_fee.currency },
    ],
    exchangeRate: order.exchangeRate,
    destinationAddress: order.address,
    destinationNetwork: order.network,
    ...(order.txHash ? { txHash: order.txHash } : {}),
    createdAt: new Date(order.createdAt).toISOString(),
    updatedAt: new Date(order.updatedAt).toISOString(),
    partnerUserRef: order.partnerUserRef,
  };
}

type Verb = "created" | "updated" | "success" | "failed";

function announce(verb: Verb, order: GuestOrder) {
  const { fees, ...view } = orderView(order);
  const payload = {
    eventType: `onramp.transaction.${verb}`,
    ...view,
    fees: fees.map((f) => ({ feeType: f.type, feeAmount: f.amount, feeCurrency: f.currency })),
  };
  publishEvent(order.orderId, payload.eventType, payload, verb === "success" || verb === "failed");
}
