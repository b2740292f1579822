import "server-only";
import { randomBytes } from "node:crypto";
import { cookieName, cookieOptions } from "@/lib/security/sealed-cookie";
import { signValue, verifySignedValue } from "@/lib/security/signed-value";

/**
 * The partner user reference of this browser, kept in a signed httpOnly cookie set when
 * a URL is minted. The completion pages read transactions by it, so it must never come
 * from anything the user can edit (a query parameter, a form field): the signature makes
 * it ours. It needs no secrecy, since the pay URL carries it too.
 *
 * This reference app has no user accounts, so each browser gets an anonymous reference.
 * A real partner uses its own signed-in user's id instead.
 */
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;
const PURPOSE = "ramp-user";
export const userRefCookieName = () => cookieName("ramp_user");

export function newAnonymousRef(): string {
  return `anon-${randomBytes(8).toString("hex")}`;
}

export function readUserRef(cookieValue: string | undefined): string | null {
  return verifySignedValue(PURPOSE, cookieValue);
}

export function userRefCookie(ref: string) {
  return {
    name: userRefCookieName(),
    value: signValue(PURPOSE, ref),
    options: cookieOptions(ONE_YEAR_SECONDS),
  };
}
