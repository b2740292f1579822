import "server-only";
import { randomUUID } from "node:crypto";
import { cookieName, cookieOptions, seal, unseal } from "@/lib/security/sealed-cookie";

/**
 * "This browser has signed in as this address before": a sealed, httpOnly cookie set on each
 * sign-in. It grants nothing but its own allowance of code tries (sign-in.ts), so that a
 * stranger who spends an address's tries from elsewhere cannot keep its owner out of the
 * browser they always use. Sealed, so the address in it is unreadable on a shared computer;
 * one address per browser, the last to sign in. Signing out keeps it: it is no session.
 */
const PURPOSE = "known-browser";
const LIFETIME_SECONDS = 180 * 24 * 60 * 60;

export const knownBrowserCookieName = () => cookieName("ramp.known_browser");

export async function knownBrowserCookie(email: string) {
  return {
    name: knownBrowserCookieName(),
    value: await seal(PURPOSE, { email, browser: randomUUID() }, LIFETIME_SECONDS),
    options: cookieOptions(LIFETIME_SECONDS),
  };
}

/** This browser's id when its cookie says it signed in as `email`; else null. */
export async function knownBrowserFor(
  cookieValue: string | undefined,
  email: string,
): Promise<string | null> {
  const payload = await unseal(PURPOSE, cookieValue);
  if (payload?.email !== email || typeof payload.browser !== "string") return null;
  return payload.browser;
}
