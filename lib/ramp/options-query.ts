import { z } from "zod";
import { US_STATES, needsSubdivision } from "./countries";

/** `GET /api/options?side=buy|sell&country=US&subdivision=NY`. Browser-safe. */
export const OptionsQuerySchema = z
  .object({
    side: z.enum(["buy", "sell"], { error: "side is buy or sell" }),
    country: z
      .string({ error: "Choose a country" })
      .regex(/^[A-Z]{2}$/, "Use a two-letter country code such as US"),
    subdivision: z.enum(US_STATES, { error: "Use a US state code such as NY" }).optional(),
  })
  .superRefine((q, ctx) => {
    if (needsSubdivision(q.country) && !q.subdivision)
      ctx.addIssue({ code: "custom", path: ["subdivision"], message: "Choose a state" });
  });
