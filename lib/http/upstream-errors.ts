import "server-only";
import { AppError, type AppErrorOptions } from "./app-error";

/**
 * The errors every upstream failure maps to, whichever Coinbase service it was (the
 * table in the README). Coinbase's own text is passed on only where it tells the
 * caller what to fix; everything else is logged, not returned.
 */

export function upstreamRejected(message: string): AppError {
  return new AppError(
    "upstream_rejected",
    `Coinbase rejected the request: ${message.trim().slice(0, 300) || "no reason given"}`,
  );
}

export function upstreamBusy(retryAfter: string | null): AppError {
  return new AppError("upstream_busy", "Coinbase is rate limiting requests: try again shortly", {
    retryAfterSeconds: retryAfterSeconds(retryAfter),
  });
}

export function upstreamError(options: Pick<AppErrorOptions, "neverSent"> = {}): AppError {
  return new AppError(
    "upstream_error",
    "Coinbase could not be reached or answered unexpectedly: try again",
    options,
  );
}

export function upstreamTimeout(): AppError {
  return new AppError("upstream_timeout", "Coinbase did not answer in time: try again");
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
