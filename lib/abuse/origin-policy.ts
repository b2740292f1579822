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
 *   callers are not browsers and cannot be driven by another site;
 * - with `openedAsLink`, a link opened as a page (a GET navigation) from anywhere: for a
 *   URL that is itself the credential (the phone hand-off's unguessable id), which people
 *   open from their mail or chat, and which no other site can know.
 */
export function assertAllowedOrigin(
  request: Request,
  options: { openedAsLink?: boolean } = {},
): void {
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  // Browsers set Sec-Fetch-Site themselves; a page cannot forge it.
  if (site === "same-origin" || (site === "none" && !origin)) return;
  if (options.openedAsLink && request.method === "GET" && isNavigation(request)) return;
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

function isNavigation(request: Request): boolean {
  return (
    request.headers.get("sec-fetch-mode") === "navigate" &&
    request.headers.get("sec-fetch-dest") === "document"
  );
}
