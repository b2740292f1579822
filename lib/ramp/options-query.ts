import { z } from "zod";
import { countryField, requireSubdivision, sideField, subdivisionField } from "./field-rules";

/** `GET /api/options?side=buy|sell&country=US&subdivision=NY`. Browser-safe. */
export const OptionsQuerySchema = z
  .object({
    side: sideField,
    country: countryField,
    subdivision: subdivisionField.optional(),
  })
  .superRefine(requireSubdivision);
