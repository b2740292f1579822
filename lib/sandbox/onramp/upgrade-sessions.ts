import "server-only";
import { randomBytes } from "node:crypto";
import { processSingleton } from "@/lib/process/singleton";

/**
 * The hosted upgrade page's session tokens (`upgradeUrl`'s `sessionToken`): opaque, good for 5
 * minutes and for one submission. A used token is remembered until it expires, so the page
 * it came back to can say the details were received.
 */
export const UPGRADE_SESSION_TTL_MS = 5 * 60 * 1000;
const MAX_KEPT = 10_000;

interface UpgradeSession {
  phoneNumber: string;
  expiresAt: number;
  submitted: boolean;
}

const store = () =>
  processSingleton("sandbox.onramp-upgrade-sessions", () => new Map<string, UpgradeSession>());

export function startUpgradeSession(phoneNumber: string, now = Date.now()) {
  const token = randomBytes(24).toString("base64url");
  const session = { phoneNumber, expiresAt: now + UPGRADE_SESSION_TTL_MS, submitted: false };
  store().set(token, session);
  if (store().size > MAX_KEPT) store().delete(store().keys().next().value!);
  return { token, expiresAt: session.expiresAt };
}

/** The session of a token, while it has not expired (used or not). */
export function upgradeSession(token: unknown, now = Date.now()): UpgradeSession | undefined {
  const session = typeof token === "string" ? store().get(token) : undefined;
  if (!session) return undefined;
  if (now < session.expiresAt) return session;
  store().delete(token as string);
  return undefined;
}
