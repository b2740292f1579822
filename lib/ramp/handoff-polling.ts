/**
 * How often the computer showing a phone link's QR code asks whether the phone opened it
 * (`GET /api/handoff/<statusId>`, components/ramp/use-handoff-state.ts). Its allowance
 * (lib/abuse/guard-lookup.ts) is set by it. Browser-safe.
 */
export const HANDOFF_CHECK_EVERY_MS = 3000;
