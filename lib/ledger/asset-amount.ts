import { FIAT_CURRENCY_CODES } from "@/lib/ramp/catalog";
import type { Money } from "@/lib/ramp/quote-schema";

const FIATS = new Set<string>(FIAT_CURRENCY_CODES);

/**
 * A report's crypto figure as an amount of `asset`, or undefined when it is in another currency
 * (a fiat value, say): kept, a sale's deposit box would ask the user to send "5.00 ETH" for five
 * dollars, and a start would be matched by a dollar figure. With no asset named, a figure in a
 * fiat currency is still no crypto amount.
 */
export function amountOfAsset(crypto: Money | undefined, asset: string): string | undefined {
  if (!crypto) return undefined;
  const currency = crypto.currency.toUpperCase();
  if (!asset) return FIATS.has(currency) ? undefined : crypto.value;
  return currency === asset.toUpperCase() ? crypto.value : undefined;
}
