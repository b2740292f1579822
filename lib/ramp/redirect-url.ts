import "server-only";
import { AppError } from "@/lib/http/app-error";
import { getConfig } from "@/lib/config/env";

/**
 * Where Coinbase sends the user back. Only the app's own origin and the origins the
 * operator listed are allowed: anything else would make us an open redirector.
 */
export function resolveRedirectUrl(requested: string | undefined, defaultPath: string): string {
  const { appUrl, redirectOrigins } = getConfig();
  if (requested === undefined) return `${appUrl}${defaultPath}`;
  const origin = new URL(requested).origin;
  if (!redirectOrigins.includes(origin)) {
    throw new AppError(
      "invalid_request",
      "redirectUrl must point to this app or an allowed origin",
      {
        issues: [
          { path: "redirectUrl", message: `Origin ${origin} is not in ALLOWED_REDIRECT_ORIGINS` },
        ],
      },
    );
  }
  return requested;
}
