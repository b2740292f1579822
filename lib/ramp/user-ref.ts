import "server-only";
import { randomBytes } from "node:crypto";
import { cookieName, cookieOptions, seal, unseal } from "@/lib/security/sealed-cookie";

/**
 * The partner user reference of this browser, kept in a sealed httpOnly cookie set when
 * a URL is minted. The completion pages read transactions by it, so it must never come
 * from anything the user can edit (a query parameter, a form field).
 *
 * This reference app has no user accounts, so each browser gets an anonymous reference.
 * A real partner uses its own signed-in user's id instead.
 */
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;
export const userRefCookieName = () => cookieName("ramp_user");

export function newAnonymousRef(): string {
  return `anon-${randomBytes(8).toString("hex")}`;
}

export async function readUserRef(cookieValue: string | undefined): Promise<string | null> {
  const payload = await unseal("ramp-user", cookieValue);
  return typeof payload?.ref === "string" ? payload.ref : null;
}

export async function userRefCookie(ref: string) {
  return { name: userRefCookieName(), value: await seal("ramp-user", { ref }, ONE_YEAR_SECONDS), options: cookieOptions(ONE_YEAR_SECONDS) };
}
