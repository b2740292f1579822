import type { OnrampOrder } from "@/lib/guest/onramp-api";
import { assetPriceText } from "@/lib/guest/asset-price";
import { moneyAmount } from "@/lib/ramp/money-text";
import type { PriceState } from "./use-guest-price";

const FEE_NAMES: Record<string, string> = {
  FEE_TYPE_EXCHANGE: "Coinbase fee",
  FEE_TYPE_NETWORK: "Network fee",
};

/**
 * The price as the user types: what they pay, the fees by type, the rate, what arrives.
 * `hint` says why there is no price yet when the amount alone does not.
 */
export function PricePanel({ state, hint }: { state: PriceState; hint?: string }) {
  return (
    <section
      aria-label="Price"
      aria-live="polite"
      aria-busy={state.status === "loading"}
      className="relative rounded-lg bg-slate-100 p-4 text-sm"
    >
      {state.status === "idle" && <p>{hint ?? "Enter an amount to see the price."}</p>}
      {state.status === "loading" && !state.previous && <p>Getting a price…</p>}
      {/* A new price for a changed amount: the last one stays, in grey and marked in a corner,
          so that the panel keeps its height and the button below does not move under a finger
          about to press it. Grey, not faded: the figures stay readable (4.5:1) meanwhile. */}
      {state.status === "loading" && state.previous && (
        <>
          <p className="absolute top-4 right-4 text-xs text-slate-600">Updating…</p>
          <div className="text-slate-600">
            <OrderFigures order={state.previous} />
          </div>
        </>
      )}
      {state.status === "error" && <p className="text-red-800">{state.message}</p>}
      {state.status === "ready" && <OrderFigures order={state.quote} />}
    </section>
  );
}

/**
 * How far an order got, which sets the tense of its figures: to pay (a quote, or an order not
 * paid yet), paid (the crypto still on its way), delivered, or failed.
 */
export type OrderStage = "to_pay" | "paid" | "delivered" | "failed";

const TOTAL_AND_CRYPTO: Record<OrderStage, [string, string]> = {
  to_pay: ["You pay", "You receive"],
  paid: ["You paid", "You receive"],
  delivered: ["You paid", "You received"],
  // Declined, or failed after its payment: Coinbase's order does not say which, so neither
  // "you paid" nor "you pay"; and nothing arrives.
  failed: ["Order total", "Crypto ordered"],
};

/** The figures of an order or a quote, as a definition list, in the tense of its `stage`. */
export function OrderFigures({
  order,
  stage = "to_pay",
}: {
  order: OnrampOrder;
  stage?: OrderStage;
}) {
  const [total, crypto] = TOTAL_AND_CRYPTO[stage];
  const price = assetPriceText(order);
  const rows: [string, string][] = [
    [total, moneyAmount(order.paymentTotal, order.paymentCurrency)],
    ...order.fees.map((fee): [string, string] => [
      FEE_NAMES[fee.type] ?? fee.type,
      moneyAmount(fee.amount, fee.currency),
    ]),
    // The asset's price, "1 ETH = $3,000.00" (Coinbase's rate reads the other way round), or
    // the rate as given when it is too short to fix that price.
    ...(price ? [["Exchange rate", price] as [string, string]] : []),
    [crypto, moneyAmount(order.purchaseAmount, order.purchaseCurrency)],
  ];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
      {rows.map(([name, value]) => (
        <div key={name} className="contents">
          <dt className="text-slate-600">{name}</dt>
          <dd data-testid={`figure-${name.toLowerCase().replaceAll(" ", "-")}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
