import type { Side } from "./options";
import type { Quote } from "./quote-schema";

/**
 * The asset's price a quote implies, as consumer widgets show it: "1 ETH ≈ $3,000.00".
 * Coinbase's v1 quotes carry no rate: it is the subtotal (the money that buys the crypto, or
 * that the crypto sold is worth, fees apart) over the crypto. One of the two was worked out
 * from the other and rounded (a purchase's crypto to 8 decimals, a sale's worth to the cent),
 * so the price is shown only as finely as every value that rounding allows agrees: a $25
 * purchase of 0.00036667 BTC reads "1 BTC ≈ $60,000", not "$59,999.45". Null when the figures
 * give no price. Browser-safe.
 */
export function quoteRateText(
  side: Side,
  quote: Pick<Quote, "pay" | "receive" | "subtotal">,
): string | null {
  const crypto = side === "buy" ? quote.receive : quote.pay;
  const money = quote.subtotal;
  const rounded = side === "buy" ? crypto.value : money.value;
  if (![crypto.value, money.value].every((v) => PLAIN_DECIMAL.test(v))) return null;
  const amount = Number(crypto.value);
  const worth = Number(money.value);
  if (!(amount > 0) || !(worth > 0)) return null;
  // Just inside half a unit of the rounded figure's last decimal either way.
  const half = 0.5 * 10 ** -(rounded.split(".")[1]?.length ?? 0) * (1 - 1e-9);
  const [low, high] =
    side === "buy"
      ? [worth / (amount + half), worth / (amount - half)]
      : [(worth - half) / amount, (worth + half) / amount];
  const price = worth / amount;
  if (!(low > 0) || !Number.isFinite(high)) return null;
  const format = new Intl.NumberFormat("en-US", { style: "currency", currency: money.currency });
  const cents = format.resolvedOptions().maximumFractionDigits ?? 2;
  // To the currency's cents from 1 up; a price under 1, to four significant digits.
  const finest = Math.max(cents, price < 1 ? 3 - Math.floor(Math.log10(price)) : 0);
  for (let decimals = finest; decimals >= -Math.floor(Math.log10(price)); decimals--) {
    // Money reads in whole cents or whole units: "$3,097", never "$3,096.8".
    if (price >= 1 && decimals > 0 && decimals < cents) continue;
    const shown = roundTo(price, decimals);
    if (roundTo(low, decimals) !== shown || roundTo(high, decimals) !== shown) continue;
    const digits = Math.max(decimals, 0);
    const text = new Intl.NumberFormat("en-US", {
      style: "currency",
      currency: money.currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(shown);
    return `1 ${crypto.currency} ≈ ${text}`;
  }
  return null;
}

const PLAIN_DECIMAL = /^\d+(\.\d+)?$/;

/** `value` rounded to `decimals` places (negative: to tens, hundreds…). */
function roundTo(value: number, decimals: number): number {
  const scale = 10 ** Math.abs(decimals);
  return decimals >= 0 ? Math.round(value * scale) / scale : Math.round(value / scale) * scale;
}
