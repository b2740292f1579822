import "server-only";
import { AppError } from "@/lib/http/app-error";

/**
 * How a CDP answer that is not a success becomes one of our errors (the table in the
 * README). Coinbase's own message is passed on only for 400s, where it tells the
 * partner what to fix; everything else is logged, not returned.
 */
export function mapCdpStatus(status: number, body: unknown, retryAfter: string | null): AppError {
  if (status === 401 || status === 403) {
    return new AppError("upstream_auth", 502, "CDP rejected the API key: check CDP_API_KEY_ID and CDP_API_KEY_SECRET");
  }
  if (status === 400) {
    return new AppError("upstream_rejected", 400, `Coinbase rejected the request: ${coinbaseMessage(body)}`);
  }
  if (status === 429) {
    return new AppError("upstream_busy", 503, "Coinbase is rate limiting requests: try again shortly", {
      retryAfterSeconds: retryAfterSeconds(retryAfter),
    });
  }
  return upstreamError();
}

export function upstreamError(): AppError {
  return new AppError("upstream_error", 502, "Coinbase could not be reached or answered unexpectedly: try again");
}

export function upstreamTimeout(): AppError {
  return new AppError("upstream_timeout", 504, "Coinbase did not answer in time: try again");
}

/** google.rpc.Status `{code, message, details}`; trimmed, since we echo it. */
function coinbaseMessage(body: unknown): string {
  const message = typeof body === "object" && body !== null ? (body as { message?: unknown }).message : undefined;
  return typeof message === "string" && message.trim() ? message.trim().slice(0, 300) : "no reason given";
}

/** Retry-After in seconds (number or HTTP date), kept between 1 s and 5 min. */
function retryAfterSeconds(header: string | null): number {
  const fallback = 5;
  if (!header) return fallback;
  const seconds = /^\d+$/.test(header.trim())
    ? Number(header.trim())
    : Math.ceil((Date.parse(header) - Date.now()) / 1000);
  return Number.isFinite(seconds) ? Math.min(300, Math.max(1, seconds)) : fallback;
}
