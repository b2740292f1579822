import "@/lib/security/jitless-zod";
import { z } from "zod";
import { codeDigits } from "@/lib/auth/one-time-code";

/**
 * A send from /account, shared by the form and `POST /api/oauth/send`. `idem` is made by
 * the browser when the attempt starts and kept through the two-step code and any retry,
 * so Coinbase sends at most once whatever the clicks.
 */
/** What Coinbase's account and transaction ids look like (UUIDs): no "/", ".." or "%". */
export const COINBASE_ID = /^[A-Za-z0-9-]{1,64}$/;

export const SendSchema = z.object({
  accountId: z.string().regex(COINBASE_ID, "Choose an account"),
  network: z.string().regex(/^[a-z-]{1,32}$/, "Choose a network"),
  to: z
    .string()
    .trim()
    .min(1, "Enter an address or an email")
    .max(200, "That is too long to be an address or an email"),
  amount: z
    .string()
    .trim()
    .regex(/^\d{1,12}(\.\d{1,8})?$/, "Enter an amount such as 20 or 0.05")
    .refine((v) => Number(v) > 0, "The amount must be more than zero"),
  idem: z
    .uuid({ version: "v4", error: "idem must be a UUID v4" })
    .transform((v) => v.toLowerCase()),
  twoFactorToken: z
    .string()
    .overwrite(codeDigits)
    .regex(/^\d{4,10}$/, "Enter the code from the message: digits only")
    .optional(),
});

export type SendInput = z.infer<typeof SendSchema>;
