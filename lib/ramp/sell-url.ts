import { fiatPreset } from "./fiat-preset";
import type { OfframpRequest } from "./schemas";

/**
 * The hosted Offramp URL: `{payBase}/v3/sell/input?sessionToken=…`. The user reference
 * goes out under both names: `partnerUserId` (the original docs) and `partnerUserRef`
 * (the current docs), so either reading of the API finds it. Browser-safe.
 */
export function buildSellUrl(
  payBaseUrl: string,
  sessionToken: string,
  input: Omit<OfframpRequest, "address" | "country" | "subdivision" | "partnerUserRef"> & {
    redirectUrl: string;
    partnerUserRef: string;
  },
): string {
  const url = new URL(`${payBaseUrl}/v3/sell/input`);
  const fiat = fiatPreset(input);
  const params: [string, string | undefined][] = [
    ["sessionToken", sessionToken],
    // One-click: Coinbase skips its own form when the quote and what it priced are given.
    ["quoteId", input.quoteId],
    ["partnerUserId", input.partnerUserRef],
    ["partnerUserRef", input.partnerUserRef],
    ["redirectUrl", input.redirectUrl],
    ["defaultAsset", input.asset],
    ["defaultNetwork", input.network],
    ["presetCryptoAmount", input.cryptoAmount],
    ["presetFiatAmount", fiat.presetFiatAmount],
    ["defaultCashoutMethod", input.cashoutMethod],
    ["fiatCurrency", fiat.fiatCurrency],
  ];
  for (const [name, value] of params) if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}
