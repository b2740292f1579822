import { fiatPreset } from "./fiat-preset";
import type { OnrampRequest } from "./schemas";

/**
 * The hosted Onramp URL: `{payBase}/buy/select-asset?sessionToken=…` plus each optional
 * parameter only when set (Onramp docs). Browser-safe, so the form can preview it.
 */
export function buildBuyUrl(
  payBaseUrl: string,
  sessionToken: string,
  input: Omit<OnrampRequest, "address" | "country" | "subdivision"> & { redirectUrl: string },
): string {
  const url = new URL(`${payBaseUrl}/buy/select-asset`);
  const fiat = fiatPreset(input);
  const params: [string, string | undefined][] = [
    ["sessionToken", sessionToken],
    // One-click: Coinbase skips its own form when the quote and what it priced are given.
    ["quoteId", input.quoteId],
    ["defaultAsset", input.asset],
    ["defaultNetwork", input.network],
    // Never both: the schema refuses it, and a crypto preset is the more precise one.
    ["presetCryptoAmount", input.cryptoAmount],
    ["presetFiatAmount", fiat.presetFiatAmount],
    ["fiatCurrency", fiat.fiatCurrency],
    ["defaultPaymentMethod", input.paymentMethod],
    ["defaultExperience", input.experience],
    // Under both names, as on a sell: the Onramp docs' `partnerUserId`, and the
    // `partnerUserRef` that Coinbase's current transaction-status docs ask for when the buy starts.
    ["partnerUserId", input.partnerUserRef],
    ["partnerUserRef", input.partnerUserRef],
    ["redirectUrl", input.redirectUrl],
  ];
  for (const [name, value] of params) if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}
