import type { OnrampOrder } from "@/lib/guest/onramp-api";
import { feesText } from "@/lib/guest/order-fees";
import { networkName } from "@/lib/ramp/catalog";
import { moneyAmount } from "@/lib/ramp/money-text";

/**
 * What the payment button is about to pay, as the order Coinbase created says it: what
 * arrives, on which network, at which wallet (in full: an address made to look like the
 * user's shares its first and last characters, and a phone shows no title), the fees and the
 * total, read before paying.
 */
export function PaySummary({ order }: { order: OnrampOrder }) {
  const address = order.destinationAddress;
  const rows: [string, string, string][] = [
    ["You receive", "pay-receive", moneyAmount(order.purchaseAmount, order.purchaseCurrency)],
    ["Network", "pay-network", networkName(order.destinationNetwork)],
    ["To wallet", "pay-wallet", address],
    ["Fees", "pay-fees", feesText(order.fees, order.paymentCurrency)],
    ["Total, fees included", "pay-total", moneyAmount(order.paymentTotal, order.paymentCurrency)],
  ];
  return (
    <section
      aria-label="What you are paying for"
      className="rounded-lg bg-slate-100 p-4 text-sm text-slate-900"
    >
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        {rows.map(([name, id, value]) => (
          <div key={id} className="contents">
            <dt className="text-slate-700">{name}</dt>
            <dd
              data-testid={id}
              className={
                id === "pay-total"
                  ? "font-semibold"
                  : id === "pay-wallet"
                    ? "font-mono break-all"
                    : ""
              }
            >
              {value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
