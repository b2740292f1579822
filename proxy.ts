import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/config/env";
import { hasMalformedEncoding, malformedPathResponse } from "@/lib/http/malformed-path";
import {
  FRAMEABLE_PATH_PREFIX,
  contentSecurityPolicy,
  permissionsPolicy,
  servedOverHttps,
} from "@/lib/security/csp";

/**
 * Runs before every page and route outside /api: a fresh CSP nonce and a request id per request.
 * Any path whose percent-encoding does not decode, /api included, is refused here with a 400.
 * Next reads the nonce from the request's CSP header and puts it on its own scripts.
 * Headers that never change (nosniff, Referrer-Policy, …) are set in next.config.mjs.
 */
/**
 * Pages that hold no secret and nothing of another user's: restorable from the browser's
 * back/forward cache. Next marks every dynamic page `no-store`, which keeps it out of that
 * cache, so "Back" from Coinbase would rebuild the form from scratch. These revalidate
 * instead (`no-cache`) and are never stored by shared caches (`private`). /account,
 * /connect and the sandbox's pages keep Next's `no-store`.
 */
const RESTORABLE_PAGES = new Set(["/", "/buy", "/sell", "/buy/complete", "/sell/complete"]);

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (hasMalformedEncoding(pathname)) return malformedPathResponse(pathname);
  // An /api path came only for that check: its route sets its own headers (lib/http/handle.ts).
  if (pathname.startsWith("/api/")) return NextResponse.next();
  const nonce = btoa(crypto.randomUUID());
  const requestId = crypto.randomUUID();
  // The sandbox's guest payment link is framed by this app, as Coinbase's is by partners'.
  const frameable = request.nextUrl.pathname.startsWith(FRAMEABLE_PATH_PREFIX);
  const csp = contentSecurityPolicy(
    nonce,
    frameable ? { frameAncestors: new URL(getConfig().appUrl).origin } : {},
  );

  // Never trust an incoming request id: the logs must be able to rely on it.
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("x-request-id", requestId);
  headers.set("content-security-policy", csp);

  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  response.headers.set("x-request-id", requestId);
  response.headers.set("permissions-policy", permissionsPolicy());
  if (RESTORABLE_PAGES.has(request.nextUrl.pathname)) {
    response.headers.set("cache-control", "private, no-cache");
  }
  if (servedOverHttps(request)) {
    response.headers.set("strict-transport-security", "max-age=63072000; includeSubDomains");
  }
  return response;
}

export const config = {
  // Static build output is immutable and carries no user data: skip it. JSON API routes
  // need no nonce, and running the proxy before a POST makes Next copy its body (see
  // docs/performance.md): lib/http/handle.ts gives them a request id and HSTS instead,
  // next.config.mjs a CSP.
  // Under /api, only a path holding a `%` comes here, to be refused if it does not decode.
  matcher: [
    { source: "/((?!api/|_next/static|_next/image|favicon.ico).*)" },
    { source: "/api/(.*%.*)" },
  ],
};
