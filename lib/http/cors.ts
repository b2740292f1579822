import "server-only";
import { getConfig } from "@/lib/config/env";

/**
 * Pages on the origins listed in ALLOWED_ORIGINS may call the HTTP API from a browser. The
 * origin check (lib/abuse/origin-policy.ts) lets their requests through; these headers let
 * the browser send them (the preflight of a JSON POST) and hand the answer to the page. With
 * credentials: a page on a sibling site (www.example.com beside app.example.com) sends the
 * sign-in cookie, SameSite=Lax, so its user's mints work as on our own pages. Another site's
 * page sends no cookie: it may use what needs no session (`/api/quote`, `/api/options`).
 * No `Authorization`: an API key never belongs in a page. Nothing for any other origin. API
 * answers are `no-store`, so no cache can hand one origin's answer to another (no `Vary`).
 */
export function corsHeaders(request: Request): Record<string, string> | null {
  const origin = request.headers.get("origin");
  if (!origin || !getConfig().allowedOrigins.includes(origin)) return null;
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-credentials": "true",
    // A 429's wait, which the page counts down as ours do.
    "access-control-expose-headers": "retry-after",
  };
}

/**
 * What a listed origin's preflight is told besides `corsHeaders` (which `handle()` adds to
 * every answer): the route's methods, a JSON body and the page's user (`X-Expected-User`, as
 * our own pages and components/ramp send it), for ten minutes.
 */
export function preflightHeaders(request: Request, allow: readonly string[]) {
  if (!corsHeaders(request) || !request.headers.get("access-control-request-method")) return null;
  return {
    "access-control-allow-methods": allow.join(", "),
    "access-control-allow-headers": "content-type, x-expected-user",
    "access-control-max-age": "600",
  };
}
