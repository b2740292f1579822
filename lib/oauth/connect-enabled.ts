import "server-only";
import { getConfig } from "@/lib/config/env";
import { AppError } from "@/lib/http/app-error";

/** Connect needs an OAuth client, or the sandbox (only while nothing is live). */
export function assertConnectConfigured(): void {
  if (getConfig().oauth.mode === "off") {
    throw new AppError(
      "connect_not_configured",
      "Coinbase Connect is not set up here: set COINBASE_OAUTH_CLIENT_ID and COINBASE_OAUTH_CLIENT_SECRET",
    );
  }
}
