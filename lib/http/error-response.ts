import "server-only";
import { log } from "@/lib/log/logger";
import {
  databaseUnavailable,
  isDatabaseUnavailable,
  loggableMessage,
} from "@/lib/db/database-errors";
import { AppError, isAppError, type ErrorEnvelope } from "./app-error";

/** Turns any thrown value into the JSON error envelope. The only place that does. */
export function errorResponse(error: unknown): Response {
  const appError = asAppError(error);
  const body: ErrorEnvelope = { error: { code: appError.code, message: appError.message } };
  if (appError.options.issues?.length) body.error.issues = appError.options.issues;
  const headers = new Headers({ "content-type": "application/json", "cache-control": "no-store" });
  if (appError.options.retryAfterSeconds !== undefined) {
    headers.set("retry-after", String(appError.options.retryAfterSeconds));
  }
  if (appError.options.allow) headers.set("allow", appError.options.allow.join(", "));
  return new Response(JSON.stringify(body), { status: appError.status, headers });
}

/**
 * Any thrown value as the error the caller is told of: ours as it is, the database's outage as
 * `database_unavailable`, anything else as `internal_error` (logged here, never detailed).
 */
export function asAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (isDatabaseUnavailable(error)) {
    log("warn", "database_unavailable", { message: loggableMessage(error) });
    return databaseUnavailable();
  }
  // Log the type and message only: an upstream error may carry request details.
  log("error", "unhandled_error", { name: errorName(error), message: loggableMessage(error) });
  return new AppError("internal_error", "Something went wrong on our side. Please try again.");
}

/** A thrown value's type, as log lines name it. */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
