import "server-only";
import type { RampEventType } from "@/lib/webhooks/event-types";
import type { BuyTransaction, SellTransaction } from "../cdp/transactions";
import { fixed, format } from "../cdp/decimal";
import type { Money } from "../cdp/pricing";
import { CANCELLED_REASON } from "../pay/checkout-transaction";

/**
 * Webhook bodies as Coinbase sends them (the OpenAPI excerpt's OnrampTransactionPayload, the
 * hosted flow, and OfframpTransactionPayload): camelCase, amounts as `{value, currency}`. The
 * hosted onramp payload carries its fields' zero values, as the OpenAPI's examples and Coinbase's
 * sample event show them: txHash "0x" and completedAt 0001-01-01 until there is one,
 * FAILURE_REASON_UNSPECIFIED, ERROR_CODE_UNSPECIFIED, empty strings. A receiver meets them here
 * as it will live. Other fields that have no value yet are left out.
 */
const ZERO_TIME = "0001-01-01T00:00:00Z";
export type Verb = "created" | "updated" | "success" | "failed";

export function onrampPayload(verb: Verb, t: BuyTransaction) {
  const eventType: RampEventType = `onramp.transaction.${verb}`;
  return {
    eventType,
    transactionId: t.transaction_id,
    status: t.status,
    purchaseCurrency: t.purchase_currency,
    purchaseNetwork: t.purchase_network,
    purchaseAmount: t.purchase_amount,
    paymentTotal: t.payment_total,
    ...subtotal(t.payment_total, [t.coinbase_fee, t.network_fee]),
    coinbaseFee: t.coinbase_fee,
    networkFee: t.network_fee,
    txHash: t.tx_hash || "0x",
    createdAt: t.created_at,
    completedAt: t.completed_at ?? ZERO_TIME,
    paymentMethod: t.payment_method,
    walletAddress: t.wallet_address,
    type: "ONRAMP_TRANSACTION_TYPE_BUY_AND_SEND",
    userType: "USER_TYPE_AUTHED",
    partnerUserRef: t.partner_user_ref,
    contractAddress: "",
    // The OpenAPI's failureReason is FAILURE_REASON_UNSPECIFIED | BUY_FAILED | SEND_FAILED: no
    // word for the user's own cancellation, so it stays UNSPECIFIED; any other failure (a
    // declined payment) is BUY_FAILED.
    failureReason:
      t.status === "ONRAMP_TRANSACTION_STATUS_FAILED" && t.failure_reason !== CANCELLED_REASON
        ? "FAILURE_REASON_BUY_FAILED"
        : "FAILURE_REASON_UNSPECIFIED",
    endPartnerName: "",
    errorCode: "ERROR_CODE_UNSPECIFIED",
  };
}

/**
 * The v1 sell API reuses the onramp statuses; the offramp webhook has its own. A sale is
 * created, then started as soon as its deposit address is issued (the v1 API then says
 * IN_PROGRESS, waiting for the user's crypto), and stays started, with a tx hash once the
 * crypto is seen, until it settles, or expires if the crypto does not come in time (an
 * `offramp.transaction.failed` event whose status is EXPIRED: the schema has no other word).
 */
function offrampStatus(verb: Verb, t: SellTransaction, expired: boolean): string {
  if (expired) return "TRANSACTION_STATUS_EXPIRED";
  if (t.status === "ONRAMP_TRANSACTION_STATUS_FAILED") return "TRANSACTION_STATUS_FAILED";
  if (t.status === "ONRAMP_TRANSACTION_STATUS_SUCCESS") return "TRANSACTION_STATUS_SUCCESS";
  return verb === "created" ? "TRANSACTION_STATUS_CREATED" : "TRANSACTION_STATUS_STARTED";
}

export function offrampPayload(verb: Verb, t: SellTransaction, updatedAt: string, expired = false) {
  const eventType: RampEventType = `offramp.transaction.${verb}`;
  return {
    eventType,
    transactionId: t.transaction_id,
    status: offrampStatus(verb, t, expired),
    asset: t.asset,
    network: t.network,
    sellAmount: t.sell_amount,
    total: t.total,
    coinbaseFee: t.coinbase_fee,
    fromAddress: t.from_address,
    ...(t.to_address ? { toAddress: t.to_address } : {}),
    createdAt: t.created_at,
    updatedAt,
    ...(t.tx_hash ? { txHash: t.tx_hash } : {}),
    paymentMethod: t.cashout_method,
    partnerUserRef: t.partner_user_ref,
  };
}

/** The total less the fees, when all are in one currency. */
function subtotal(total: Money, fees: Money[]): { paymentSubtotal?: Money } {
  if (fees.some((fee) => fee.currency !== total.currency)) return {};
  const rest = fees.reduce((sum, fee) => sum - fixed(fee.value), fixed(total.value));
  const decimals = total.value.split(".")[1]?.length ?? 0;
  return { paymentSubtotal: { value: format(rest, decimals), currency: total.currency } };
}
