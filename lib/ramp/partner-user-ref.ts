import "server-only";
import { randomBytes } from "node:crypto";

/**
 * This reference app has no user accounts, so each visit gets an anonymous reference.
 * A real partner passes its own user id here (under 50 characters, no personal data).
 */
export function anonymousPartnerUserRef(): string {
  return `anon-${randomBytes(8).toString("hex")}`;
}
