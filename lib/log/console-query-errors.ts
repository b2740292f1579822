import { loggableMessage } from "@/lib/db/database-errors";

/**
 * Next prints every error a page threw with `console.error`, before our own `onRequestError`
 * line. A failed query's error (Drizzle's) carries its SQL parameters (emails, session tokens)
 * in its message and its `params`: from then on, `console.error` prints such an error as the
 * driver's message and the stack, without them. Installed once, at server start.
 */
export function keepQueryParametersOutOfConsole(): void {
  const print = console.error;
  console.error = (...args: unknown[]) => print(...args.map(withoutQueryParameters));
}

/** A failed query's error as one without its SQL and parameters; anything else as it is. */
export function withoutQueryParameters(value: unknown): unknown {
  if (!(value instanceof Error) || !value.message.startsWith("Failed query:")) return value;
  const message = `A database query failed: ${loggableMessage(value)}`;
  const clean = new Error(message);
  // The frames only: the stack's first lines repeat the message, parameters included.
  const frames = (value.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  clean.stack = [`Error: ${message}`, ...frames].join("\n");
  return clean;
}
