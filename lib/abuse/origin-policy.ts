import "server-only";
import { getConfig } from "@/lib/config/env";
import { AppError } from "@/lib/http/app-error";

/**
 * Who may call the minting routes from a browser. The routes spend the partner's CDP
 * quota, so another site's page must not be able to drive them with its visitors'
 * browsers. Policy (also in the README):
 * - a browser request from this app's own origin: allowed;
 * - a browser request from an origin in ALLOWED_ORIGINS: allowed;
 * - a browser request from any other site: 403 `forbidden_origin`;
 * - a request with neither `Origin` nor `Sec-Fetch-Site` (a server, curl): allowed. Such
 *   callers are not browsers and cannot be driven by another site.
 * A phone link opened from a mail or a chat mints nothing: its page asks first, and
 * "Continue to Coinbase" there is a POST from this app's own origin.
 */
export function assertAllowedOrigin(request: Request): void {
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  // Browsers set Sec-Fetch-Site themselves; a page cannot forge it.
  if (site === "same-origin" || (site === "none" && !origin)) return;
  if (!origin && !site) return;
  if (origin && isAllowed(origin, request)) return;
  throw new AppError(
    "forbidden_origin",
    "Requests from this site are not allowed: add its origin to ALLOWED_ORIGINS",
  );
}

function isAllowed(origin: string, request: Request): boolean {
  const { appUrl, allowedOrigins } = getConfig();
  return (
    origin === appUrl || origin === new URL(request.url).origin || allowedOrigins.includes(origin)
  );
}
