import Link from "next/link";
import { buyAgainHref, buyMoreHref } from "@/lib/guest/buy-again";
import { failedAfterPaymentText, failedOrderCopy } from "@/lib/guest/failed-order-text";
import type { OnrampOrder } from "@/lib/guest/onramp-api";
import { RefreshWhilePending } from "@/components/shared/RefreshWhilePending";
import { networkName } from "@/lib/ramp/catalog";
import { explorerTxUrl } from "@/lib/ramp/explorers";
import {
  OUTCOME_LABELS,
  isFinal,
  knownHash,
  outcomeOf,
  replacingOrder,
  type RampTransaction,
} from "@/lib/ramp/transactions";
import { orderStatus } from "@/lib/webhooks/to-report";
import { OrderFigures, type OrderStage } from "./PricePanel";

/**
 * A guest order's completion page: the ledger's status, the order and its fees, the tx hash.
 * Without `order` (Coinbase did not answer this time), the ledger's status alone, and the page
 * keeps asking.
 */
export function GuestOrderSummary({
  orderId,
  order,
  transaction,
  afterPayment,
}: {
  orderId: string;
  order?: OnrampOrder;
  transaction: RampTransaction;
  /** Opened by the payment button once the user paid: Coinbase may not have caught up yet. */
  afterPayment: boolean;
}) {
  const final = isFinal(transaction.status);
  const outcome = outcomeOf(transaction);
  // Coinbase's word when it answered, else the ledger's: a row never moves back, so one written
  // "in progress" before the ledger told unpaid orders apart would stay so. Opened by the
  // payment button once the user paid, an order still unpaid is Coinbase catching up.
  // (Coinbase still checking the user, PENDING_AUTH or PENDING_VERIFICATION, is unpaid too.)
  const waitingForPayment = order
    ? orderStatus(order.status) === "awaiting_payment"
    : outcome === "awaiting_payment";
  // Changed before it was paid, or placed by a second tab replacing the same order after the
  // first had: another order took its place, and this one is not to be paid.
  const replacedBy = replacingOrder(transaction);
  const unpaid = !final && !afterPayment && waitingForPayment && !replacedBy;
  const shown = unpaid
    ? "awaiting_payment"
    : outcome === "awaiting_payment"
      ? "in_progress"
      : outcome;
  const stage = orderStage(transaction, order);
  // Opened by the payment button once it said the payment was made: this tab saw it paid.
  const failedCopy = failedOrderCopy(afterPayment);
  // ("0x" or empty from Coinbase until the crypto is sent, as its reports say: none yet.)
  const txHash = knownHash(order?.txHash) ?? transaction.txHash;
  const network = order?.destinationNetwork ?? transaction.network;
  const explorer = txHash ? explorerTxUrl(network, txHash) : undefined;
  return (
    <section aria-labelledby="order-title" className="max-w-xl space-y-4">
      <h1 id="order-title" className="text-3xl font-semibold">
        Your guest purchase
      </h1>
      {/* A live region from the start: a screen reader hears the order complete or fail. */}
      <p role="status" className="text-lg">
        Status: <strong data-testid="transaction-status">{OUTCOME_LABELS[shown]}</strong>
      </p>
      {unpaid && order && (
        <p className="text-slate-700">
          Coinbase has not received a payment for this order. If you just paid, this page updates by
          itself. If you closed the payment button, nothing was charged:{" "}
          <Link href={buyAgainOf(order)} className="font-medium text-blue-800 underline">
            buy again with the same details
          </Link>
          .
        </p>
      )}
      {replacedBy && (
        <p className="text-slate-700">
          Another order took this one&apos;s place before it was paid for, so nothing was charged.{" "}
          <Link
            href={`/buy/guest/orders/${encodeURIComponent(replacedBy)}`}
            className="font-medium text-blue-800 underline"
          >
            Follow the order that took its place
          </Link>
          .
        </p>
      )}
      {transaction.status === "failed" && failedCopy === "after_payment" && (
        <p className="text-slate-700">The purchase {failedAfterPaymentText("below")}</p>
      )}
      {transaction.status === "failed" && failedCopy === "maybe_declined" && (
        // Declined, or failed after its payment: Coinbase's order does not say which. A decline,
        // the usual case, charged nothing: what to do then comes first.
        <p className="text-slate-700">
          The purchase did not go through. If your card was declined, nothing was charged:{" "}
          {order ? (
            <Link href={buyAgainOf(order)} className="font-medium text-blue-800 underline">
              buy again with the same details
            </Link>
          ) : (
            "buy again"
          )}
          , with another card or with Apple Pay or Google Pay. If you were charged, contact Coinbase
          support with the order number below.
        </p>
      )}
      {!final && !replacedBy && (
        // Each render asks Coinbase for the order: an order not paid, perhaps left for good, less often.
        <RefreshWhilePending everyMs={unpaid ? 5000 : 2000}>
          <p role="status" className="text-sm text-slate-600">
            {!order
              ? "Coinbase did not give this order's details just now: this page asks again by itself."
              : unpaid
                ? "This page checks for your payment by itself."
                : "Waiting for Coinbase…"}
          </p>
        </RefreshWhilePending>
      )}
      {/* A failed order's too: its total is what to look for on a card statement. */}
      {order && (
        <div className="rounded-lg bg-slate-100 p-4 text-sm">
          <OrderFigures order={order} stage={stage} />
        </div>
      )}
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">Order</dt>
        <dd className="font-mono">{orderId}</dd>
        {order && (
          <>
            <dt className="text-slate-600">{DESTINATION[stage]}</dt>
            <dd className="break-all font-mono">
              {order.destinationAddress} on {networkName(network)}
            </dd>
          </>
        )}
        {txHash && (
          <>
            <dt className="text-slate-600">Transaction</dt>
            <dd className="break-all font-mono" data-testid="tx-hash">
              {explorer ? (
                <a
                  href={explorer}
                  target="_blank"
                  rel="noreferrer"
                  className="text-blue-800 underline"
                >
                  {txHash}
                </a>
              ) : (
                txHash
              )}
            </dd>
          </>
        )}
      </dl>
      <p className="flex gap-4">
        {/* As a guest again, the same purchase to the same wallet: not /buy's Coinbase account.
            An order left unpaid is bought again in its place, as its "buy again" does. */}
        <Link
          href={
            unpaid && order
              ? buyAgainOf(order)
              : buyMoreHref(orderId, {
                  asset: order?.purchaseCurrency ?? transaction.asset,
                  network,
                  total: order?.paymentTotal ?? transaction.fiat?.value,
                })
          }
          className="font-medium text-blue-800 underline"
        >
          Buy more
        </Link>
        <Link href="/account" className="text-blue-800 underline">
          Your history
        </Link>
      </p>
    </section>
  );
}

/** Where the crypto goes, said as far as the order got: "sent" only once it was. */
const DESTINATION: Record<OrderStage, string> = {
  to_pay: "Will be sent to",
  paid: "Sending to",
  delivered: "Sent to",
  failed: "Nothing sent to",
};

/** Coinbase's word when it answered, the ledger's for an order's end (a row never moves back). */
function orderStage(transaction: RampTransaction, order?: OnrampOrder): OrderStage {
  // Replaced before its payment: nothing will be sent, as for a failed order.
  if (transaction.status === "failed" || replacingOrder(transaction)) return "failed";
  if (transaction.status === "success" || order?.status === "ONRAMP_ORDER_STATUS_COMPLETED")
    return "delivered";
  return order?.status === "ONRAMP_ORDER_STATUS_PROCESSING" ? "paid" : "to_pay";
}

/** Guest checkout filled in with this order's purchase, for a new order to pay. */
function buyAgainOf(order: OnrampOrder): string {
  return buyAgainHref(order.orderId, {
    total: order.paymentTotal,
    currency: order.paymentCurrency,
    asset: order.purchaseCurrency,
    network: order.destinationNetwork,
  });
}
