import "server-only";
import { getConfig } from "@/lib/config/env";

/**
 * The Content-Security-Policy of every page. Scripts run only with this request's nonce
 * (and what they load, via 'strict-dynamic'); nothing may frame us, except that the
 * sandbox's guest payment link may be framed by this app (`frameAncestors`); we may frame
 * only the payment link's origin (guest checkout); forms may submit only to us and to the
 * Coinbase hosts the flows post or redirect to (browsers apply form-action to the
 * redirects that follow a submission too).
 */
export function contentSecurityPolicy(
  nonce: string,
  options: { frameAncestors?: string } = {},
): string {
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
    "frame-src": [paymentLinkOrigin()],
    "frame-ancestors": [options.frameAncestors ?? "'none'"],
    "form-action": [...formTargets],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/** The one origin pages may frame: Coinbase's pay host, where guest payment links live. */
export function paymentLinkOrigin(): string {
  return new URL(getConfig().ramp.payBaseUrl).origin;
}

/** Whether a page may frame `url` (its CSP allows that one origin): Coinbase's embedded pages. */
export function isFramable(url: string): boolean {
  return new URL(url).origin === paymentLinkOrigin();
}

/**
 * Pages may use the Payment Request API themselves and delegate it to the payment link's
 * iframe (`allow="payment"`): Apple Pay and Google Pay need it. Nothing else is allowed.
 */
export function permissionsPolicy(): string {
  const origin = paymentLinkOrigin();
  return `camera=(), microphone=(), geolocation=(), payment=(self "${origin}"), usb=(), serial=()`;
}

/** The sandbox's guest payment-link pages: the only pages another page (the app) may frame. */
export const FRAMEABLE_PATH_PREFIX = "/sandbox/pay/v2/api-onramp/";

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
