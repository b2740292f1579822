import "server-only";
import type { SignedInUser } from "@/lib/auth/current-user";
import { upstreamError } from "@/lib/http/upstream-errors";
import { log } from "@/lib/log/logger";
import { isFramable } from "@/lib/security/csp";
import { secondsUntil, type LimitUpgradeLink } from "./limit-upgrade";
import { requestLimitUpgrade } from "./onramp-api";
import { verifiedPhone } from "./user-limits";

/**
 * Coinbase's page where the user raises their limits, to frame in /buy/guest as the payment
 * link is. Its outcome is read from the limits afterwards: the page tells the app nothing.
 */
export async function limitUpgradeLink(user: SignedInUser): Promise<LimitUpgradeLink> {
  const link = await requestLimitUpgrade(await verifiedPhone(user));
  return frameableLink(link);
}

/** The page may frame one origin only (its CSP): a link elsewhere could not be shown. */
export function frameableLink(
  link: { upgradeUrl: string; expiresAt: string },
  now = Date.now(),
): LimitUpgradeLink {
  if (!isFramable(link.upgradeUrl)) {
    // The origin only: the rest of the link carries a session token.
    log("warn", "guest_upgrade_link_unexpected", { origin: new URL(link.upgradeUrl).origin });
    throw upstreamError();
  }
  const expiresInSeconds = secondsUntil(link.expiresAt, now);
  return {
    upgradeUrl: link.upgradeUrl,
    expiresAt: link.expiresAt,
    ...(expiresInSeconds === undefined ? {} : { expiresInSeconds }),
  };
}
