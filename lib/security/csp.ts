import "server-only";
import { getConfig } from "@/lib/config/env";

/**
 * The Content-Security-Policy of every page. Scripts run only with this request's nonce
 * (and what they load, via 'strict-dynamic'); nothing may frame us; forms may submit only
 * to us and to the Coinbase hosts the flows post or redirect to (browsers apply
 * form-action to the redirects that follow a submission too).
 */
export function contentSecurityPolicy(nonce: string): string {
  const { appUrl, ramp, oauth, redirectOrigins, isDevelopment } = getConfig();
  const formTargets = new Set([
    "'self'",
    appUrl,
    new URL(oauth.authorizeUrl).origin,
    new URL(ramp.payBaseUrl).origin,
    ...redirectOrigins,
  ]);
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    // Next's dev server evaluates code for fast refresh; production never needs it.
    "script-src": [
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      ...(isDevelopment ? ["'unsafe-eval'"] : []),
    ],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'", ...(isDevelopment ? ["ws:"] : [])],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": [...formTargets],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/** HSTS only where the browser reached us over https: on http it would be ignored or wrong. */
export function servedOverHttps(request: Request): boolean {
  const { appUrl, trustProxyHeaders } = getConfig();
  if (appUrl.startsWith("https://")) return true;
  // Next takes request.url's scheme from X-Forwarded-Proto: only a trusted proxy's counts.
  if (!trustProxyHeaders) return false;
  return (
    new URL(request.url).protocol === "https:" ||
    request.headers.get("x-forwarded-proto") === "https"
  );
}
