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
  let appError: AppError;
  if (isAppError(error)) {
    appError = error;
  } else if (isDatabaseUnavailable(error)) {
    log("warn", "database_unavailable", { message: loggableMessage(error) });
    appError = databaseUnavailable();
  } else {
    // Log the type and message only: an upstream error may carry request details.
    log("error", "unhandled_error", { name: errorName(error), message: loggableMessage(error) });
    appError = new AppError(
      "internal_error",
      "Something went wrong on our side. Please try again.",
    );
  }
  const body: ErrorEnvelope = { error: { code: appError.code, message: appError.message } };
  if (appError.options.issues?.length) body.error.issues = appError.options.issues;
  const headers = new Headers({ "content-type": "application/json", "cache-control": "no-store" });
  if (appError.options.retryAfterSeconds !== undefined) {
    headers.set("retry-after", String(appError.options.retryAfterSeconds));
  }
  if (appError.options.allow) headers.set("allow", appError.options.allow.join(", "));
  return new Response(JSON.stringify(body), { status: appError.status, headers });
}

/** A thrown value's type, as log lines name it. */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
