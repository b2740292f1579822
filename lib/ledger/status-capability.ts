import "server-only";
import { clearingCookie, cookieName, cookieOptions } from "@/lib/security/sealed-cookie";
import { signValue, verifySignedValue } from "@/lib/security/signed-value";

/**
 * The phone's capability: a phone that opened a hand-off link is not signed in, yet its
 * completion page must show how that one transaction went. `/h/[id]` gives it this signed
 * httpOnly cookie naming the one ledger row it minted; `/api/transactions` answers it with
 * that row and nothing else. It is no session: no other route reads it, and it cannot
 * name another row (signed under its own purpose) or outlive a day (the expiry is signed too).
 */
const PURPOSE = "ramp-status";
const LIFETIME_SECONDS = 24 * 60 * 60;

export const statusCapabilityCookieName = () => cookieName("ramp_status");

export function statusCapabilityCookie(rowId: string, now = Date.now()) {
  const expires = Math.floor(now / 1000) + LIFETIME_SECONDS;
  return {
    name: statusCapabilityCookieName(),
    value: signValue(PURPOSE, `${rowId}:${expires}`),
    options: cookieOptions(LIFETIME_SECONDS),
  };
}

/**
 * Drops the capability when the user signs out: a phone link opened ("Continue") on a computer
 * they then sign out of would otherwise keep showing their transaction, a sale's deposit address
 * included, to whoever uses it next, signed out, for a day.
 */
export function droppedStatusCapability(): Headers {
  return new Headers({ "set-cookie": clearingCookie(statusCapabilityCookieName()) });
}

/** The ledger row id the cookie grants, or null (missing, forged or expired). */
export function readStatusCapability(
  cookieValue: string | undefined,
  now = Date.now(),
): string | null {
  const value = verifySignedValue(PURPOSE, cookieValue);
  const match = value && /^([\w-]+):(\d+)$/.exec(value);
  if (!match || Number(match[2]) * 1000 <= now) return null;
  return match[1]!;
}
