import { moneyAmount } from "@/lib/ramp/money-text";

/**
 * The asset priced in the fiat, as people read a price: "1 BTC = $60,000.00". Coinbase gives an
 * order's rate the other way round (`exchangeRate`, "the crypto value of one fiat"), a string of
 * no stated precision: "0.00001667" may be 1/60,000 cut to 8 decimals, and turned over it reads
 * $59,988, not $60,000. So the price is shown only when every rate that rounds to the one given
 * gives the same price to the cent (a rate in full, 0.000016666666666667, does); otherwise the
 * rate is shown as Coinbase gives it ("$1.00 = 0.00001667 BTC"), which is never wrong.
 * Null for a rate that is not a positive decimal. Browser-safe.
 */
export function assetPriceText(order: {
  exchangeRate: string;
  paymentCurrency: string;
  purchaseCurrency: string;
}): string | null {
  const rate = order.exchangeRate.trim();
  if (!/^\d+(\.\d+)?$/.test(rate) || !(Number(rate) > 0)) return null;
  const value = Number(rate);
  const half = 0.5 * 10 ** -(rate.split(".")[1]?.length ?? 0);
  const decimals = priceDecimals(1 / value);
  const lowest = (1 / (value + half)).toFixed(decimals);
  if (value > half && (1 / (value - half)).toFixed(decimals) === lowest)
    return `1 ${order.purchaseCurrency} = ${moneyAmount(lowest, order.paymentCurrency)}`;
  return `${moneyAmount("1", order.paymentCurrency)} = ${moneyAmount(rate, order.purchaseCurrency)}`;
}

/** To the cent from 1 up; below, to its first four significant digits ("0.00001235"). */
function priceDecimals(price: number): number {
  return price >= 1 ? 2 : Math.min(20, 3 - Math.floor(Math.log10(price)));
}
