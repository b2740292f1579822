import "server-only";
import type { CoinbaseTransaction } from "@/lib/cdp/transactions-api";
import type { RampTransactionRow } from "@/lib/db/schema";
import {
  EXPIRED_REASON,
  knownHash,
  normaliseStatus,
  paidInGuestOrder,
} from "@/lib/ramp/transactions";
import {
  OfframpTransactionPayloadSchema,
  OnrampOrderPayloadSchema,
  OnrampTransactionPayloadSchema,
  RAMP_EVENT_TYPES,
} from "./event-schemas";

type Status = RampTransactionRow["status"];

/** A webhook event read as a Coinbase report, in the shape reconciliation already uses. */
export interface WebhookReport extends CoinbaseTransaction {
  /** Which of Coinbase's ids `id` is: a hosted or offramp transaction's, or a guest order's. */
  idKind: "transaction" | "order";
  partnerUserRef?: string;
  /** Coinbase's time of this state; absent, the status's rank alone orders events. */
  upstreamAt?: Date;
}

export type Reading = { report: WebhookReport } | { ignored: string };

// Waiting for the user to authenticate or pay: nothing charged yet, as normaliseStatus reads
// the same statuses from the transactions API.
const HOSTED_STATUS: Record<string, Status> = {
  ONRAMP_TRANSACTION_STATUS_CREATED: "created",
  ONRAMP_TRANSACTION_STATUS_AWAITING_AUTH: "awaiting_payment",
  ONRAMP_TRANSACTION_STATUS_AWAITING_PAYMENT: "awaiting_payment",
  ONRAMP_TRANSACTION_STATUS_IN_PROGRESS: "in_progress",
  ONRAMP_TRANSACTION_STATUS_SUCCESS: "success",
  ONRAMP_TRANSACTION_STATUS_FAILED: "failed",
};
// Until PROCESSING nobody has paid: the order exists, the payment button closed or the tab
// lost (PENDING_PAYMENT), or Coinbase is still checking the user (the two states its schema
// lists before it). Nothing charged, so no fee shown.
const ORDER_STATUS: Record<string, Status> = {
  ONRAMP_ORDER_STATUS_PENDING_AUTH: "awaiting_payment",
  ONRAMP_ORDER_STATUS_PENDING_VERIFICATION: "awaiting_payment",
  ONRAMP_ORDER_STATUS_PENDING_PAYMENT: "awaiting_payment",
  ONRAMP_ORDER_STATUS_PROCESSING: "in_progress",
  ONRAMP_ORDER_STATUS_COMPLETED: "success",
  ONRAMP_ORDER_STATUS_FAILED: "failed",
};
// The offramp statuses the ledger reads, as normaliseStatus does the v1 list's: STARTED, or
// CREATED with its deposit address, and no send yet is a sale waiting for the user's crypto.
const OFFRAMP_STATUSES = [
  "TRANSACTION_STATUS_CREATED",
  "TRANSACTION_STATUS_STARTED",
  "TRANSACTION_STATUS_SUCCESS",
  "TRANSACTION_STATUS_FAILED",
  "TRANSACTION_STATUS_EXPIRED",
];

/** The ledger's status for a guest order's status at Coinbase; undefined for one it does not know. */
export const orderStatus = (coinbaseStatus: string): Status | undefined =>
  ORDER_STATUS[coinbaseStatus];

/** Reads one event; anything the ledger cannot use is `ignored`, with why. */
export function toReport(type: string, payload: unknown): Reading {
  if (!(RAMP_EVENT_TYPES as readonly string[]).includes(type)) return { ignored: "unknown_type" };
  if (type.startsWith("offramp.")) return offramp(payload);
  const isOrder = typeof payload === "object" && payload !== null && "orderId" in payload;
  return isOrder ? order(payload) : hosted(payload);
}

function hosted(payload: unknown): Reading {
  const parsed = OnrampTransactionPayloadSchema.safeParse(payload);
  if (!parsed.success) return { ignored: "payload_shape" };
  const p = parsed.data;
  const status = HOSTED_STATUS[p.status];
  if (!status) return { ignored: "unknown_status" };
  // A guest order's payment: its order's own events keep its row.
  if (paidInGuestOrder(p.paymentMethod)) return { ignored: "guest_order_payment" };
  return {
    report: {
      idKind: "transaction",
      id: p.transactionId,
      side: "buy",
      status,
      asset: p.purchaseCurrency ?? "",
      network: p.purchaseNetwork ?? "",
      crypto: p.purchaseAmount,
      fiat: p.paymentTotal,
      fees: [p.coinbaseFee, p.networkFee].filter((f) => f !== undefined),
      address: present(p.walletAddress),
      txHash: knownHash(p.txHash),
      failureReason: p.failureReason === "FAILURE_REASON_UNSPECIFIED" ? undefined : p.failureReason,
      partnerUserRef: present(p.partnerUserRef),
      createdAt: p.createdAt ?? "",
      // No updatedAt in this shape: completedAt once done, else createdAt (the same for every
      // earlier event of the transaction, so the status's rank orders those).
      upstreamAt: stamp(p.completedAt) ?? stamp(p.createdAt),
    },
  };
}

function order(payload: unknown): Reading {
  const parsed = OnrampOrderPayloadSchema.safeParse(payload);
  if (!parsed.success) return { ignored: "payload_shape" };
  const p = parsed.data;
  const status = orderStatus(p.status);
  if (!status) return { ignored: "unknown_status" };
  const money = (value?: string, currency?: string) =>
    value && currency ? { value, currency } : undefined;
  return {
    report: {
      idKind: "order",
      id: p.orderId,
      side: "buy",
      status,
      asset: p.purchaseCurrency ?? "",
      network: p.destinationNetwork ?? "",
      crypto: money(p.purchaseAmount, p.purchaseCurrency),
      fiat: money(p.paymentTotal, p.paymentCurrency),
      fees: (p.fees ?? []).flatMap((f) => money(f.feeAmount, f.feeCurrency) ?? []),
      address: present(p.destinationAddress),
      txHash: knownHash(p.txHash),
      partnerUserRef: present(p.partnerUserRef),
      createdAt: p.createdAt ?? "",
      upstreamAt: stamp(p.updatedAt) ?? stamp(p.createdAt),
    },
  };
}

function offramp(payload: unknown): Reading {
  const parsed = OfframpTransactionPayloadSchema.safeParse(payload);
  if (!parsed.success) return { ignored: "payload_shape" };
  const p = parsed.data;
  if (!OFFRAMP_STATUSES.includes(p.status)) return { ignored: "unknown_status" };
  const txHash = knownHash(p.txHash);
  const status = normaliseStatus(p.status, "sell", txHash, p.toAddress);
  return {
    report: {
      idKind: "transaction",
      id: p.transactionId,
      side: "sell",
      status,
      asset: p.asset ?? "",
      network: p.network ?? "",
      crypto: p.sellAmount,
      fiat: p.total,
      fees: p.coinbaseFee ? [p.coinbaseFee] : [],
      address: present(p.fromAddress),
      toAddress: present(p.toAddress),
      txHash,
      failureReason: p.status === "TRANSACTION_STATUS_EXPIRED" ? EXPIRED_REASON : undefined,
      partnerUserRef: present(p.partnerUserRef),
      createdAt: p.createdAt ?? "",
      upstreamAt: stamp(p.updatedAt) ?? stamp(p.createdAt),
    },
  };
}

const present = (value?: string) => (value ? value : undefined);
// Protojson sends a zero hash as "0x" and a zero time as 0001-01-01: both mean "none yet".
const YEAR_2000 = Date.UTC(2000, 0, 1);

function stamp(value?: string): Date | undefined {
  const at = value ? Date.parse(value) : NaN;
  return Number.isNaN(at) || at < YEAR_2000 ? undefined : new Date(at);
}
