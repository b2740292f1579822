import { z } from "zod";
import { maybe } from "@/lib/http/maybe-field";

/**
 * The three payload shapes of Coinbase's ramp webhooks (the OpenAPI `webhooks` section):
 * the hosted onramp (`transactionId`), the guest-checkout order (`orderId`) and the offramp.
 * Only what the ledger uses is read, and only the ids and status are required: the whole
 * payload is kept in `webhook_event` anyway. Statuses stay strings here, so a status
 * Coinbase adds later is ignored (to-report.ts) rather than refused.
 */
const text = z.string();
const Money = z.object({
  value: z.union([z.string(), z.number()]).transform(String),
  currency: z.string(),
});
// A field may be absent, or null (maybe-field.ts): an event made unreadable by one null would be
// stored as ignored, and its retries taken for repeats.

export const RAMP_EVENT_TYPES = [
  "onramp.transaction.created",
  "onramp.transaction.updated",
  "onramp.transaction.success",
  "onramp.transaction.failed",
  "offramp.transaction.created",
  "offramp.transaction.updated",
  "offramp.transaction.success",
  "offramp.transaction.failed",
] as const;

export const OnrampTransactionPayloadSchema = z.object({
  transactionId: text.min(1),
  status: text,
  partnerUserRef: maybe(text),
  purchaseCurrency: maybe(text),
  purchaseNetwork: maybe(text),
  purchaseAmount: maybe(Money),
  paymentTotal: maybe(Money),
  coinbaseFee: maybe(Money),
  networkFee: maybe(Money),
  walletAddress: maybe(text),
  paymentMethod: maybe(text),
  txHash: maybe(text),
  failureReason: maybe(text),
  createdAt: maybe(text),
  completedAt: maybe(text),
});

export const OnrampOrderPayloadSchema = z.object({
  orderId: text.min(1),
  status: text,
  partnerUserRef: maybe(text),
  purchaseCurrency: maybe(text),
  purchaseAmount: maybe(text),
  paymentTotal: maybe(text),
  paymentCurrency: maybe(text),
  fees: maybe(z.array(z.object({ feeAmount: maybe(text), feeCurrency: maybe(text) }))),
  destinationAddress: maybe(text),
  destinationNetwork: maybe(text),
  txHash: maybe(text),
  createdAt: maybe(text),
  updatedAt: maybe(text),
});

export const OfframpTransactionPayloadSchema = z.object({
  transactionId: text.min(1),
  status: text,
  partnerUserRef: maybe(text),
  asset: maybe(text),
  network: maybe(text),
  sellAmount: maybe(Money),
  total: maybe(Money),
  coinbaseFee: maybe(Money),
  fromAddress: maybe(text),
  toAddress: maybe(text),
  txHash: maybe(text),
  createdAt: maybe(text),
  updatedAt: maybe(text),
});

export type OnrampTransactionPayload = z.infer<typeof OnrampTransactionPayloadSchema>;
export type OnrampOrderPayload = z.infer<typeof OnrampOrderPayloadSchema>;
export type OfframpTransactionPayload = z.infer<typeof OfframpTransactionPayloadSchema>;
