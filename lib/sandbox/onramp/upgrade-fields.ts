import "server-only";
import { z } from "zod";

/**
 * The identity fields of a limit upgrade (OpenAPI `OnrampLimitUpgradeIdentityFields`), checked
 * the same way whether they come in an `api`-mode request or from the hosted page: 4 digits,
 * and a real date of birth in the past, at least 18 years ago.
 */
export const FIELD_KEYS = ["ssnLast4", "dateOfBirth"] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

export const DateOfBirthSchema = z.object({
  day: z.string().regex(/^\d{2}$/),
  month: z.string().regex(/^\d{2}$/),
  year: z.string().regex(/^\d{4}$/),
});
export type DateOfBirth = z.infer<typeof DateOfBirthSchema>;

export const IdentityFieldsSchema = z
  .object({ ssnLast4: z.string().optional(), dateOfBirth: DateOfBirthSchema.optional() })
  .strict();
export type IdentityFields = z.infer<typeof IdentityFieldsSchema>;

export type FieldError = "ssn_invalid" | "date_invalid" | "date_under_18";

const ADULT_YEARS = 18;

export function ssnError(ssnLast4: string): FieldError | null {
  return /^\d{4}$/.test(ssnLast4) ? null : "ssn_invalid";
}

export function dateOfBirthError(dob: DateOfBirth, now = Date.now()): FieldError | null {
  const [year, month, day] = [Number(dob.year), Number(dob.month), Number(dob.day)];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 31 February over into March: a real date reads back as it was given.
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real || year < 1900 || date.getTime() > now) return "date_invalid";
  const adultOn = Date.UTC(year + ADULT_YEARS, month - 1, day);
  return adultOn <= now ? null : "date_under_18";
}

/** `<input type="date">` sends YYYY-MM-DD; anything else is not a date. */
export function dateOfBirthFromInput(value: string): DateOfBirth | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? { year: match[1]!, month: match[2]!, day: match[3]! } : null;
}
