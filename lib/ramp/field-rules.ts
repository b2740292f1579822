import { z } from "zod";
import { ASSET_SYMBOLS, FIAT_CURRENCY_CODES, NETWORK_IDS } from "./catalog";
import { US_STATES, needsSubdivision } from "./countries";

/**
 * The fields every ramp input shares (mint, quote, options), with one wording for
 * their errors wherever they appear. Browser-safe.
 */
export const sideField = z.enum(["buy", "sell"], { error: "side is buy or sell" });
export const networkField = z.enum(NETWORK_IDS, { error: "Choose a network from the catalog" });
export const assetField = z.enum(ASSET_SYMBOLS, { error: "Choose an asset from the catalog" });
export const fiatCurrencyField = z.enum(FIAT_CURRENCY_CODES, {
  error: "Choose a supported ISO 4217 currency, e.g. USD",
});
export const countryField = z
  .string({ error: "Choose a country" })
  .regex(/^[A-Z]{2}$/, "Use a two-letter country code such as US");
export const subdivisionField = z.enum(US_STATES, { error: "Use a US state code such as NY" });

/** Coinbase needs the state for US users: their options and limits differ by state. */
export function requireSubdivision(
  value: { country?: string; subdivision?: string },
  ctx: z.RefinementCtx,
) {
  if (value.country && needsSubdivision(value.country) && !value.subdivision)
    ctx.addIssue({ code: "custom", path: ["subdivision"], message: "Choose a state" });
}
