import { moneyAmount } from "@/lib/ramp/money-text";

/**
 * The asset priced in the fiat, as people read a price: "1 ETH = $3,000.00". Coinbase gives an
 * order's rate the other way round (`exchangeRate`, the crypto one unit of fiat buys:
 * "0.00033333"), to a fixed number of decimals. Turned over, it is told to no more significant
 * digits than it came with: past those, the digits are the rate's rounding, and 0.00033333
 * would read $3,000.03. Null for a rate that is not a positive decimal. Browser-safe.
 */
export function assetPriceText(order: {
  exchangeRate: string;
  paymentCurrency: string;
  purchaseCurrency: string;
}): string | null {
  const rate = order.exchangeRate.trim();
  if (!/^\d+(\.\d+)?$/.test(rate) || !(Number(rate) > 0)) return null;
  const givenDigits = rate.replace(".", "").replace(/^0+/, "").length;
  const price = Number((1 / Number(rate)).toPrecision(Math.min(givenDigits, 15)));
  return `1 ${order.purchaseCurrency} = ${moneyAmount(priceDecimal(price), order.paymentCurrency)}`;
}

/** To the cent from 1 up; below, to its first four significant digits ("0.00001235"). */
function priceDecimal(price: number): string {
  if (price >= 1) return price.toFixed(2);
  return price.toFixed(Math.min(20, 3 - Math.floor(Math.log10(price))));
}
