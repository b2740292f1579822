import { z } from "zod";
import { countryField, requireSubdivision, subdivisionField } from "./field-rules";

/** `GET /api/options?side=buy|sell&country=US&subdivision=NY`. Browser-safe. */
export const OptionsQuerySchema = z
  .object({
    side: z.enum(["buy", "sell"], { error: "side is buy or sell" }),
    country: countryField,
    subdivision: subdivisionField.optional(),
  })
  .superRefine(requireSubdivision);
