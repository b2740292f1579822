import { AppError } from "@/lib/http/app-error";

/**
 * Whether an error means the database could not be reached or stopped answering (as
 * opposed to a bug in a query). Such errors become 503 `database_unavailable`, so a user
 * sees "try again shortly", and the next request simply tries the database again.
 * Drivers and drizzle wrap errors, so the whole `cause` chain is looked at.
 */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EPIPE"]);
// "not queryable": pg refusing a statement on a connection it has seen die, such as the
// ROLLBACK of a transaction whose connection dropped, which Drizzle throws in place of the error
// that ended the transaction.
const UNAVAILABLE_MESSAGES =
  /connection terminated|timeout exceeded when trying to connect|query read timeout|connection.*(closed|ended)|Client was closed|not queryable|PGlite is closed/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") {
      if (NETWORK_CODES.has(code)) return true;
      // SQLSTATE class 08 (connection exception); class 53 (out of resources: "too many
      // clients already", many instances on one server); 57P01–57P04 (server shutting down,
      // starting, or restarting); 25006 (a replica that is read-only, after a failover);
      // 57014 (a statement the server cancelled at the pool's statement_timeout).
      if (/^(08|53)/.test(code) || /^57(P0[1-4]|014)$/.test(code) || code === "25006") return true;
    }
    if (UNAVAILABLE_MESSAGES.test(e.message)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Whether an error is Postgres refusing a duplicate in a unique column (SQLSTATE 23505):
 * another request wrote the same key between our read and our write.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    if ((e as { code?: unknown }).code === "23505") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * An error's message fit for a log line. Drizzle wraps a failed query's error in one whose
 * message is the SQL and its parameters (emails, hashed codes, session tokens): the driver's
 * own message, which it wraps, says what went wrong without them.
 */
export function loggableMessage(error: unknown): string {
  if (!(error instanceof Error)) return "non-error thrown";
  if (error.message.startsWith("Failed query:"))
    return error.cause instanceof Error ? error.cause.message : "query failed";
  return error.message;
}

export function databaseUnavailable(): AppError {
  return new AppError(
    "database_unavailable",
    "The app's database cannot be reached right now: try again shortly",
  );
}
