import "server-only";
import { processSingleton } from "@/lib/process/singleton";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { redact } from "./redact";

/**
 * Structured logs: one JSON line per event, carrying the request id of the request
 * being served. Fields pass through `redact`, so a token handed to a log call by
 * mistake still never reaches the output. Info goes to stdout, warnings and errors to
 * stderr, written directly: Next wraps `console` in an async-context switch per call,
 * a cost every request would pay for its access line.
 */
type Level = "info" | "warn" | "error";
interface RequestContext {
  requestId: string;
}

const storage = processSingleton("log-context", () => new AsyncLocalStorage<RequestContext>());

/** Runs `fn` with a request id (a fresh one unless given) that every log line inside it carries. */
export function withRequestId<T>(
  requestId: string | null | undefined,
  fn: (requestId: string) => T,
): T {
  const id = requestId && /^[\w-]{8,64}$/.test(requestId) ? requestId : randomUUID();
  return storage.run({ requestId: id }, fn, id);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

export function log(level: Level, event: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({
    time: new Date().toISOString(),
    level,
    event,
    requestId: currentRequestId(),
    ...(redact(fields) as object),
  });
  if (level === "info") process.stdout.write(`${line}\n`);
  else process.stderr.write(`${line}\n`);
}
