import "server-only";
import { getConfig } from "@/lib/config/env";
import { AppError } from "@/lib/http/app-error";

/**
 * Whether a browser request to a Connect route (disconnect, refresh) came from this app's
 * own pages. Both routes end or change the session, so no other site (a sibling subdomain
 * included: `SameSite=Lax` sends our cookies to it) may trigger them. Browsers set
 * `Sec-Fetch-Site` themselves; without it, `Origin` must be ours. `allowTyped` also lets
 * through a navigation the user made (typed URL, bookmark): `Sec-Fetch-Site: none`. A
 * request with neither header is no browser's (they all send `Origin` on a POST), so no
 * other site can have made it: allowed, as lib/abuse/origin-policy.ts does.
 */
export function isOwnOriginRequest(request: Request, allowTyped = false): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site === "same-origin") return true;
  if (site === "none") return allowTyped;
  if (site) return false;
  const origin = request.headers.get("origin");
  return origin === null || origin === getConfig().appUrl;
}

export function assertOwnOrigin(request: Request): void {
  if (!isOwnOriginRequest(request)) {
    throw new AppError("forbidden_origin", "This request must come from this app's own pages");
  }
}
