import "server-only";
import type { FiatCurrency } from "@/lib/ramp/catalog";
import { fixed, format, toTwoFigures, type Fixed } from "./decimal";
import { fromUsd } from "./market";

/** Per-transaction limits by method, in USD; other currencies get them converted and rounded to plain figures. */
const LIMITS_USD: Record<string, { min: string; max: string }> = {
  CARD: { min: "2", max: "7500" },
  ACH_BANK_ACCOUNT: { min: "1", max: "25000" },
  APPLE_PAY: { min: "2", max: "7500" },
  PAYPAL: { min: "2", max: "5000" },
  FIAT_WALLET: { min: "1", max: "50000" },
  CRYPTO_ACCOUNT: { min: "1", max: "50000" },
};

export interface Limit {
  min: Fixed;
  max: Fixed;
}

export function methodLimit(method: string, currency: FiatCurrency): Limit | undefined {
  const usd = LIMITS_USD[method];
  if (!usd) return undefined;
  return {
    min: toTwoFigures(fromUsd(fixed(usd.min), currency), "up"),
    max: toTwoFigures(fromUsd(fixed(usd.max), currency), "down"),
  };
}

/** The `limits` entries of an options answer: `{ id, min, max }` with two decimals. */
export function limitEntries(methods: readonly string[], currency: FiatCurrency) {
  return methods.flatMap((id) => {
    const limit = methodLimit(id, currency);
    return limit ? [{ id, min: format(limit.min, 2), max: format(limit.max, 2) }] : [];
  });
}
