import { moneyAmount } from "@/lib/ramp/money-text";

interface Fee {
  amount: string;
  currency: string;
}

/**
 * An order's fees as one figure per currency: "$2.49", or "$1.99 + 0.00002 ETH" when Coinbase
 * charges one in the asset (its schema allows it). Added as decimals, never as floats, and
 * never across currencies.
 */
export function feesText(fees: Fee[], paymentCurrency: string): string {
  const sums = new Map<string, string>();
  for (const fee of fees) {
    const sum = sums.get(fee.currency);
    sums.set(fee.currency, sum === undefined ? fee.amount : addDecimals(sum, fee.amount));
  }
  if (sums.size === 0) return moneyAmount("0", paymentCurrency);
  // The payment's own currency first: the figure the total is made of.
  const ordered = [...sums].sort(
    ([a], [b]) => Number(b === paymentCurrency) - Number(a === paymentCurrency),
  );
  return ordered.map(([currency, sum]) => moneyAmount(sum, currency)).join(" + ");
}

/** "1.5" + "0.25" = "1.75", exactly; a value that is not a plain decimal counts as 0. */
function addDecimals(a: string, b: string): string {
  const places = Math.max(decimalPlaces(a), decimalPlaces(b));
  const total = scaled(a, places) + scaled(b, places);
  const digits = total.toString().padStart(places + 1, "0");
  return places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

const PLAIN = /^\d+(\.\d+)?$/;
const decimalPlaces = (v: string) => (PLAIN.test(v) ? (v.split(".")[1]?.length ?? 0) : 0);
function scaled(value: string, places: number): bigint {
  if (!PLAIN.test(value)) return 0n;
  const [whole, fraction = ""] = value.split(".");
  return BigInt(`${whole}${fraction.padEnd(places, "0")}`);
}
