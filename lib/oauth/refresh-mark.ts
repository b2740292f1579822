/**
 * /oauth/refresh sends the user back to `/account?refreshed=<when>`. A mark made moments
 * ago means "renewed just now: do not renew again on this visit", which stops a redirect
 * loop when Coinbase keeps refusing fresh tokens. A stale mark (a bookmarked or shared
 * link) means nothing, so an expired session is still renewed.
 */
const FRESH_FOR_MS = 10_000;
// Instances' clocks may differ a little.
const CLOCK_SKEW_MS = 5_000;

export function refreshMark(now = Date.now()): string {
  return String(now);
}

export function isFreshRefreshMark(mark: unknown, now = Date.now()): boolean {
  if (typeof mark !== "string" || !/^\d{1,16}$/.test(mark)) return false;
  const age = now - Number(mark);
  return age > -CLOCK_SKEW_MS && age < FRESH_FOR_MS;
}
