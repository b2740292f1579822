import { z } from "zod";
import { ASSET_SYMBOLS, FIAT_CURRENCY_CODES, NETWORK_IDS } from "./catalog";
import { US_STATES, needsSubdivision } from "./countries";
import { ISO_COUNTRY_CODES } from "./iso-country-codes";

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
// Only assigned codes: a made-up one would otherwise cost a signed call to Coinbase to refuse.
export const countryField = z
  .string({ error: "Choose a country" })
  .refine((code) => ISO_COUNTRY_CODES.has(code), "Use an ISO 3166-1 country code such as US");
export const subdivisionField = z.enum(US_STATES, { error: "Use a US state code such as NY" });

/**
 * Coinbase needs the state for US users: their options and limits differ by state. Elsewhere
 * a state means nothing, and accepting one would multiply the regions a caller can make us
 * ask Coinbase about.
 */
export function requireSubdivision(
  value: { country?: string; subdivision?: string },
  ctx: z.RefinementCtx,
) {
  if (value.country && needsSubdivision(value.country) && !value.subdivision)
    ctx.addIssue({ code: "custom", path: ["subdivision"], message: "Choose a state" });
  if (value.country && !needsSubdivision(value.country) && value.subdivision)
    ctx.addIssue({
      code: "custom",
      path: ["subdivision"],
      message: "A state applies only to the United States: leave it out",
    });
}
