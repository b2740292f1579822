import "server-only";
import { AppError } from "@/lib/http/app-error";
import { upstreamBusy, upstreamError, upstreamRejected } from "@/lib/http/upstream-errors";

/** How a CDP answer that is not a success becomes one of our errors. */
export function mapCdpStatus(status: number, body: unknown, retryAfter: string | null): AppError {
  if (status === 401 || status === 403) {
    return new AppError(
      "upstream_auth",
      "CDP rejected the API key: check CDP_API_KEY_ID and CDP_API_KEY_SECRET",
    );
  }
  if (status === 400) return upstreamRejected(coinbaseMessage(body));
  if (status === 429) return upstreamBusy(retryAfter);
  return upstreamError();
}

/** google.rpc.Status `{code, message, details}`. */
function coinbaseMessage(body: unknown): string {
  const message =
    typeof body === "object" && body !== null ? (body as { message?: unknown }).message : undefined;
  return typeof message === "string" ? message : "";
}
