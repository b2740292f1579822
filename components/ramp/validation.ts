// Everything the buy/sell form needs to check input: address codecs, zod and the shared
// schemas. Loaded on the first interaction with the form (see load-validation.ts), so a
// first visit does not download it before the user does anything.
export { checkAddress } from "@/lib/ramp/addresses";
export { OfframpRequestSchema, OnrampRequestSchema, toFieldIssues } from "@/lib/ramp/schemas";
