import { networkName } from "@/lib/ramp/catalog";
import type { SellTransaction } from "@/lib/sandbox/cdp/transactions";
import { RefreshWhilePending } from "@/components/shared/RefreshWhilePending";

/**
 * The sandbox's stand-in for the user's wallet sending crypto to Coinbase: the pending
 * sell's deposit details and a button that makes the deposit "arrive".
 */
export function DepositPanel({ sell }: { sell: SellTransaction }) {
  const received = sell.tx_hash !== "";
  const done = sell.status === "ONRAMP_TRANSACTION_STATUS_SUCCESS";
  const network = networkName(sell.network);
  return (
    <section aria-labelledby="deposit-title" className="space-y-6">
      <h1 id="deposit-title" className="text-2xl font-semibold">
        {received ? "Deposit received" : "Send your crypto"}
      </h1>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">Asset</dt>
        <dd data-deposit="asset">{sell.asset}</dd>
        <dt className="text-slate-600">Amount</dt>
        <dd
          className="font-mono"
          data-deposit="amount"
        >{`${sell.sell_amount.value} ${sell.sell_amount.currency}`}</dd>
        <dt className="text-slate-600">Network</dt>
        <dd data-deposit="network">{network}</dd>
        <dt className="text-slate-600">Deposit address</dt>
        <dd className="break-all font-mono" data-deposit="to_address">
          {sell.to_address}
        </dd>
        <dt className="text-slate-600">You receive</dt>
        <dd className="font-mono">{`${sell.total.value} ${sell.total.currency}`}</dd>
        {received && (
          <>
            <dt className="text-slate-600">Transaction hash</dt>
            <dd className="break-all font-mono" data-deposit="tx_hash">
              {sell.tx_hash}
            </dd>
          </>
        )}
      </dl>
      <p role="status" aria-live="polite">
        {done
          ? "The sale is complete: the cash-out is on its way."
          : received
            ? "Coinbase has seen your deposit and is confirming it. This takes a few seconds."
            : `Waiting for ${sell.sell_amount.value} ${sell.asset} on ${network}. In the sandbox no crypto moves: simulate the deposit instead.`}
      </p>
      {/* Received but not yet confirmed: the page follows the sale until it is done. */}
      {received && !done && sell.status !== "ONRAMP_TRANSACTION_STATUS_FAILED" && (
        <RefreshWhilePending />
      )}
      {!received && (
        <div className="flex flex-wrap items-center gap-3">
          <form method="post" action="/sandbox/pay/deposit/simulate">
            <input type="hidden" name="transactionId" value={sell.transaction_id} />
            <button className="rounded-full bg-blue-700 px-5 py-2 font-medium text-white hover:bg-blue-800">
              Simulate deposit
            </button>
          </form>
          {/* What Coinbase does when the crypto never comes, without waiting for the deadline. */}
          <form method="post" action="/sandbox/pay/deposit/expire">
            <input type="hidden" name="transactionId" value={sell.transaction_id} />
            <button className="rounded-full border border-slate-400 px-5 py-2 font-medium hover:bg-slate-100">
              Let it expire now
            </button>
          </form>
        </div>
      )}
    </section>
  );
}
