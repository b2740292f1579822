import { z } from "zod";

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
  partnerUserRef: text.optional(),
  purchaseCurrency: text.optional(),
  purchaseNetwork: text.optional(),
  purchaseAmount: Money.optional(),
  paymentTotal: Money.optional(),
  coinbaseFee: Money.optional(),
  networkFee: Money.optional(),
  walletAddress: text.optional(),
  txHash: text.optional(),
  failureReason: text.optional(),
  createdAt: text.optional(),
  completedAt: text.optional(),
});

export const OnrampOrderPayloadSchema = z.object({
  orderId: text.min(1),
  status: text,
  partnerUserRef: text.optional(),
  purchaseCurrency: text.optional(),
  purchaseAmount: text.optional(),
  paymentTotal: text.optional(),
  paymentCurrency: text.optional(),
  fees: z.array(z.object({ feeAmount: text.optional(), feeCurrency: text.optional() })).optional(),
  destinationAddress: text.optional(),
  destinationNetwork: text.optional(),
  txHash: text.optional(),
  createdAt: text.optional(),
  updatedAt: text.optional(),
});

export const OfframpTransactionPayloadSchema = z.object({
  transactionId: text.min(1),
  status: text,
  partnerUserRef: text.optional(),
  asset: text.optional(),
  network: text.optional(),
  sellAmount: Money.optional(),
  total: Money.optional(),
  coinbaseFee: Money.optional(),
  fromAddress: text.optional(),
  toAddress: text.optional(),
  txHash: text.optional(),
  createdAt: text.optional(),
  updatedAt: text.optional(),
});

export type OnrampTransactionPayload = z.infer<typeof OnrampTransactionPayloadSchema>;
export type OnrampOrderPayload = z.infer<typeof OnrampOrderPayloadSchema>;
export type OfframpTransactionPayload = z.infer<typeof OfframpTransactionPayloadSchema>;
