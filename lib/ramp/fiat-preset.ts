/**
 * A pay URL's fiat preset and its currency. Never beside a crypto preset (the more precise
 * one wins). The currency is said even when the caller gave none: the amount's limits were
 * checked in USD then, and Coinbase might read it in the user's local currency. Browser-safe.
 */
export function fiatPreset(input: {
  fiatAmount?: string;
  cryptoAmount?: string;
  fiatCurrency?: string;
}): { presetFiatAmount?: string; fiatCurrency?: string } {
  const amount = input.cryptoAmount === undefined ? input.fiatAmount : undefined;
  return {
    presetFiatAmount: amount,
    fiatCurrency: input.fiatCurrency ?? (amount === undefined ? undefined : "USD"),
  };
}
