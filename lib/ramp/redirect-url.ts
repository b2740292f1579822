import "server-only";
import { AppError } from "@/lib/http/app-error";
import { getConfig } from "@/lib/config/env";

/**
 * Where Coinbase sends the user back. Only the app's own origin and the origins the
 * operator listed are allowed: anything else would make us an open redirector.
 *
 * What goes to Coinbase is the URL as parsed here, never the string as typed: the origin
 * checked is then the origin Coinbase sees, even where another URL parser would read the
 * typed string differently (`https://app\@evil.example`, say).
 */
export function resolveRedirectUrl(requested: string | undefined, defaultPath: string): string {
  const { appUrl, redirectOrigins } = getConfig();
  if (requested === undefined) return new URL(defaultPath, appUrl).href;
  const url = URL.canParse(requested) ? new URL(requested) : null;
  if (!url || !redirectOrigins.includes(url.origin)) {
    throw new AppError(
      "invalid_request",
      "redirectUrl must point to this app or an allowed origin",
      {
        issues: [
          {
            path: "redirectUrl",
            message: url
              ? `Origin ${url.origin} is not in ALLOWED_REDIRECT_ORIGINS`
              : "Not an absolute URL",
          },
        ],
      },
    );
  }
  return url.href;
}

/** The page a ramp comes back to from Coinbase: the one asked for, checked, or its side's completion page. */
export const rampReturnPage = (side: "buy" | "sell", requested: string | undefined): string =>
  resolveRedirectUrl(requested, `/${side}/complete`);
