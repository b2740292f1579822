import "server-only";
import { AppError } from "@/lib/http/app-error";
import { upstreamBusy, upstreamError, upstreamRejected } from "@/lib/http/upstream-errors";
import { limitRefusal } from "./limit-errors";

/**
 * Coinbase refusing this app's key or access, as a user is told it: what to fix is the
 * operator's business (logged where it happens); the user learns only that it is not theirs.
 */
export const credentialsRefused = () =>
  new AppError(
    "upstream_auth",
    "Coinbase did not accept this app's credentials: this cannot be done right now",
  );

/** How a CDP answer that is not a success becomes one of our errors. */
export function mapCdpStatus(status: number, body: unknown, retryAfter: string | null): AppError {
  // (lib/cdp/client.ts logs what Coinbase said.)
  if (status === 401 || status === 403) return credentialsRefused();
  if (status === 400)
    return limitRefusal(coinbaseMessage(body)) ?? upstreamRejected(coinbaseMessage(body));
  if (status === 429) return upstreamBusy(retryAfter);
  return upstreamError();
}

/** google.rpc.Status `{code, message, details}`. */
function coinbaseMessage(body: unknown): string {
  const message =
    typeof body === "object" && body !== null ? (body as { message?: unknown }).message : undefined;
  return typeof message === "string" ? message : "";
}
