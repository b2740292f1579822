import { loggableMessage } from "@/lib/db/database-errors";

/**
 * Next prints every error a page threw with `console.error`, before our own `onRequestError`
 * line. A failed query's error (Drizzle's) carries its SQL parameters (emails, session tokens)
 * in its message and its `params`, and other errors carry it as their `cause` (better-auth's
 * "failed to get session"): from then on, `console.error` prints such an error, and each cause,
 * as its message (the driver's, for the failed query) and its stack, without them. Installed
 * once, at server start.
 */
export function keepQueryParametersOutOfConsole(): void {
  const print = console.error;
  console.error = (...args: unknown[]) => print(...args.map(withoutQueryParameters));
}

/** An error whose chain holds a failed query, rebuilt without its SQL and parameters; anything else as it is. */
export function withoutQueryParameters(value: unknown): unknown {
  return holdsFailedQuery(value) ? cleaned(value as Error) : value;
}

const isFailedQuery = (e: unknown) => e instanceof Error && e.message.startsWith("Failed query:");

function holdsFailedQuery(value: unknown, depth = 0): boolean {
  if (!(value instanceof Error) || depth > 5) return false;
  return isFailedQuery(value) || holdsFailedQuery(value.cause, depth + 1);
}

function cleaned(error: Error, depth = 0): Error {
  const message = isFailedQuery(error)
    ? `A database query failed: ${loggableMessage(error)}`
    : error.message;
  const clean = new Error(message);
  // The frames only: the stack's first lines repeat the message, parameters included.
  const frames = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  clean.stack = [`${error.name}: ${message}`, ...frames].join("\n");
  // A failed query's own cause is the driver's error, whose message was just taken.
  if (!isFailedQuery(error) && error.cause instanceof Error && depth < 5)
    clean.cause = cleaned(error.cause, depth + 1);
  return clean;
}
