/**
 * How long an order watch (the last order's notice, the pay step) waits before it asks again.
 * Each ask counts against the client's look-up limit (RATE_LIMIT_LOOKUPS_PER_MINUTE, 60 a
 * minute per address, shared by every tab and every user behind one NAT): 5 s while the order
 * is moving, then half as long again each time nothing has changed, up to 30 s, so that a page
 * left open asks twice a minute rather than twelve times. A 429's Retry-After is honoured.
 */
export const FIRST_WATCH_MS = 5_000;
export const MAX_WATCH_MS = 30_000;

/** `unchanged`: answers in a row that said the same as the one before (0 after a change). */
export function nextWatchDelay(unchanged: number, retryAfterSeconds?: number): number {
  const backedOff = Math.min(MAX_WATCH_MS, Math.round(FIRST_WATCH_MS * 1.5 ** unchanged));
  return Math.max(backedOff, (retryAfterSeconds ?? 0) * 1000);
}
