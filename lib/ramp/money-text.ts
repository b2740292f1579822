/**
 * Amounts as people read them. Coinbase pads crypto amounts to a fixed precision
 * ("28.78000000 USDC"); zeros past the second decimal say nothing, so they go. Two decimals
 * stay ("30.00 USD"), and no digit that carries value is ever dropped.
 */
export function trimAmount(value: string): string {
  return value.replace(/^(\d+\.\d\d\d*?)0+$/, "$1");
}

/** "28.78 USDC"; `fallback` when there is no amount yet. */
export function moneyText(
  m: { value: string; currency: string } | undefined,
  fallback = "",
): string {
  return m ? `${trimAmount(m.value)} ${m.currency}` : fallback;
}
