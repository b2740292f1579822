import "server-only";
import { getConfig } from "@/lib/config/env";
import { log } from "@/lib/log/logger";
import { upstreamError, upstreamTimeout } from "./upstream-errors";

export interface UpstreamResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or undefined when the body was not JSON. */
  body: unknown;
}

/**
 * When a failed call may be sent again:
 * - "idempotent": repeating it does no harm (GETs, revoking, minting a fresh session
 *   token), so retry after a 502/503 or a connection that broke mid-way;
 * - "connect-only": repeating could spend something single-use (an authorization code,
 *   a rotating refresh token), so retry only when the request never reached the server.
 */
export type RetryPolicy = "idempotent" | "connect-only";

// Failures where the request provably never reached the server.
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT", "EHOSTUNREACH", "ENETUNREACH"]);

/**
 * One HTTP call to a Coinbase service: at most two attempts, both inside one deadline
 * (`UPSTREAM_TIMEOUT_MS`, body included, so a server that stalls mid-body is caught).
 * Connection failures and timeouts become our errors here; status handling is left to
 * the caller, which knows the API. Node's fetch keeps one connection pool per process.
 */
export async function fetchUpstream(
  service: string,
  url: string,
  init: RequestInit & { retry: RetryPolicy; timeoutMs?: number },
): Promise<UpstreamResponse> {
  const { retry, timeoutMs = getConfig().upstreamTimeoutMs, ...rest } = init;
  const deadline = Date.now() + timeoutMs;
  const path = new URL(url).pathname; // never the query: it may carry tokens
  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptOnce(url, rest, deadline);
    const retryable =
      outcome.kind === "not-sent" ||
      (retry === "idempotent" && (outcome.kind === "broken" || (outcome.kind === "response" && (outcome.response.status === 502 || outcome.response.status === 503))));
    const pause = 50 + Math.random() * 200; // jitter: instances must not retry in lockstep
    if (attempt === 1 && retryable && deadline - Date.now() > pause + 100) {
      log("warn", "upstream_retry", { service, path, reason: outcome.kind === "response" ? outcome.response.status : outcome.kind });
      await new Promise((resolve) => setTimeout(resolve, pause));
      continue;
    }
    if (outcome.kind === "response") return outcome.response;
    log("warn", "upstream_unreachable", { service, path, reason: outcome.kind === "timeout" ? "timeout" : outcome.code });
    throw outcome.kind === "timeout" ? upstreamTimeout() : upstreamError();
  }
}

type Attempt =
  | { kind: "response"; response: UpstreamResponse }
  | { kind: "timeout" }
  | { kind: "not-sent" | "broken"; code: string };

async function attemptOnce(url: string, init: RequestInit, deadline: number): Promise<Attempt> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())), cache: "no-store" });
    const text = await response.text();
    return { kind: "response", response: { status: response.status, headers: response.headers, body: parseJson(text) } };
  } catch (error) {
    if (error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError")) return { kind: "timeout" };
    const code = String((error as { cause?: { code?: string } })?.cause?.code ?? "network");
    return { kind: NOT_SENT.has(code) ? "not-sent" : "broken", code };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
