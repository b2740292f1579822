import "server-only";
import type { AssetSymbol, FiatCurrency } from "@/lib/ramp/catalog";
import { US_STATES, needsSubdivision, type Region } from "@/lib/ramp/countries";
import { no, ok, type Checked } from "./checked";

export type { Region };

/** Where the sandbox "operates", and what differs from one place to the next. */

const PAYMENT_CURRENCIES: Record<string, readonly FiatCurrency[]> = {
  US: ["USD"],
  CA: ["CAD"],
  GB: ["GBP", "EUR"],
  AU: ["AUD"],
  CH: ["CHF", "EUR"],
  SG: ["SGD"],
  JP: ["JPY"],
  BR: ["BRL"],
  MX: ["MXN"],
  DE: ["EUR"],
  FR: ["EUR"],
  ES: ["EUR"],
  IT: ["EUR"],
  NL: ["EUR"],
  IE: ["EUR"],
};

const STATES = new Set<string>(US_STATES);

const PAYPAL_COUNTRIES = new Set(["US", "GB", "DE"]);

/** Reads `country` and `subdivision` as Coinbase's options and quote APIs take them. */
export function parseRegion(
  country: string | null | undefined,
  subdivision: string | null | undefined,
): Checked<Region> {
  if (!country) return no("country is required");
  if (!/^[A-Z]{2}$/.test(country))
    return no("country must be an ISO 3166-1 alpha-2 code in upper case, e.g. US");
  if (!PAYMENT_CURRENCIES[country]) return no(`country ${country} is not supported`);
  if (!needsSubdivision(country)) return ok({ country });
  if (!subdivision) return no("subdivision is required when country is US");
  if (!STATES.has(subdivision)) return no(`subdivision ${subdivision} is not a US state code`);
  return ok({ country, subdivision });
}

export function paymentCurrencies(region: Region): readonly FiatCurrency[] {
  return PAYMENT_CURRENCIES[region.country] ?? [];
}

/** Buy methods offered in a region, in the order Coinbase lists them. */
export function paymentMethods(region: Region): string[] {
  const us = region.country === "US";
  return [
    "CARD",
    ...(us ? ["ACH_BANK_ACCOUNT"] : []),
    "APPLE_PAY",
    ...(PAYPAL_COUNTRIES.has(region.country) ? ["PAYPAL"] : []),
    "FIAT_WALLET",
    "CRYPTO_ACCOUNT",
  ];
}

/** Cash-out methods offered in a region. */
export function cashoutMethods(region: Region): string[] {
  const us = region.country === "US";
  return [
    "FIAT_WALLET",
    ...(us ? ["ACH_BANK_ACCOUNT"] : []),
    ...(PAYPAL_COUNTRIES.has(region.country) ? ["PAYPAL"] : []),
    "CRYPTO_ACCOUNT",
  ];
}

/** Regional restrictions, so that the options API visibly depends on where the user is. */
export function assetAvailable(asset: AssetSymbol, region: Region): boolean {
  if (asset === "SOL" && region.country === "US" && region.subdivision === "NY") return false;
  if (asset === "cbBTC" && region.country === "JP") return false;
  return true;
}

export function describeRegion(region: Region): string {
  return region.subdivision ? `${region.country}-${region.subdivision}` : region.country;
}
