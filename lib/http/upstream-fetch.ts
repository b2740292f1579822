import "server-only";
import { Agent, request } from "undici";
import { getConfig } from "@/lib/config/env";
import { log } from "@/lib/log/logger";
import { loggedPath } from "@/lib/log/logged-path";
import { processSingleton } from "@/lib/process/singleton";
import { upstreamError, upstreamTimeout } from "./upstream-errors";

/**
 * The one way this app speaks HTTP to Coinbase (CDP, OAuth, the Coinbase API): undici's
 * `request` over one keep-alive pool per process, with a deadline, a retry policy and a
 * size limit. Connection failures and timeouts become our errors here; status handling is
 * left to the caller, which knows the API.
 */

export interface UpstreamResponse {
  status: number;
  /** The Retry-After header, the only one callers read. */
  retryAfter: string | null;
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

export interface UpstreamInit {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  /**
   * Fixed headers, or a function called before each attempt: a credential that is
   * single-use (a CDP JWT carries a nonce Coinbase accepts once) must be made afresh for
   * the retry.
   */
  headers?: Record<string, string> | (() => Promise<Record<string, string>>);
  body?: string | URLSearchParams;
  retry: RetryPolicy;
  /** Defaults to UPSTREAM_TIMEOUT_MS. */
  timeoutMs?: number;
}

/**
 * Coinbase's answers here are small JSON documents (the largest, the options lists, are
 * tens of KB). A body past this is not one of them: it is refused before it can fill memory.
 */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

// Failures where the request provably never reached the server.
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

type Attempt =
  | { kind: "response"; response: UpstreamResponse }
  | { kind: "timeout" | "too-large" }
  | { kind: "not-sent" | "broken"; code: string };

/**
 * One HTTP call to a Coinbase service: at most two attempts, both inside one deadline
 * (`UPSTREAM_TIMEOUT_MS`, body included, so a server that stalls mid-body is caught).
 */
export async function fetchUpstream(
  service: string,
  url: string,
  init: UpstreamInit,
): Promise<UpstreamResponse> {
  const { retry, timeoutMs = getConfig().upstreamTimeoutMs } = init;
  const deadline = Date.now() + timeoutMs;
  // Logged, never the query (it may carry tokens), nor a user reference (loggedPath).
  const path = () => loggedPath(new URL(url).pathname);
  let sent = false; // whether any attempt may have reached the server
  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptOnce(url, init, deadline);
    sent ||= outcome.kind !== "not-sent";
    const pause = 50 + Math.random() * 200; // jitter: instances must not retry in lockstep
    if (attempt === 1 && mayRetry(outcome, retry) && deadline - Date.now() > pause + 100) {
      log("warn", "upstream_retry", { service, path: path(), reason: reasonOf(outcome) });
      await new Promise((resolve) => setTimeout(resolve, pause));
      continue;
    }
    if (outcome.kind === "response") return outcome.response;
    log("warn", "upstream_unreachable", { service, path: path(), reason: reasonOf(outcome) });
    throw outcome.kind === "timeout" ? upstreamTimeout() : upstreamError({ neverSent: !sent });
  }
}

function mayRetry(outcome: Attempt, retry: RetryPolicy): boolean {
  if (outcome.kind === "not-sent") return true;
  if (retry !== "idempotent") return false;
  if (outcome.kind === "broken") return true;
  return outcome.kind === "response" && [502, 503].includes(outcome.response.status);
}

function reasonOf(outcome: Attempt): string | number {
  if (outcome.kind === "response") return outcome.response.status;
  return "code" in outcome ? outcome.code : outcome.kind;
}

// Idle connections close after 4 s (sooner if the server says so), before servers drop them.
// An answer past MAX_RESPONSE_BYTES is cut off by undici while it arrives.
const pool = () =>
  processSingleton(
    "upstream-pool",
    () =>
      new Agent({
        keepAliveTimeout: 4000,
        keepAliveMaxTimeout: 4000,
        maxResponseSize: MAX_RESPONSE_BYTES,
      }),
  );

async function attemptOnce(url: string, init: UpstreamInit, deadline: number): Promise<Attempt> {
  // Outside the try: a failure to sign is ours, not a broken connection to retry.
  const headers = typeof init.headers === "function" ? await init.headers() : init.headers;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), Math.max(1, deadline - Date.now()));
  try {
    const response = await request(url, {
      dispatcher: pool(),
      method: init.method ?? "GET",
      headers: {
        // Some gateways refuse a request without a User-Agent.
        "user-agent": "coinbase-ramps-reference",
        ...(init.body instanceof URLSearchParams
          ? { "content-type": "application/x-www-form-urlencoded;charset=UTF-8" }
          : {}),
        ...headers,
      },
      body: init.body === undefined ? undefined : String(init.body),
      signal: abort.signal,
    });
    const text = await response.body.text();
    const retryAfter = response.headers["retry-after"];
    return {
      kind: "response",
      response: {
        status: response.statusCode,
        retryAfter: (Array.isArray(retryAfter) ? retryAfter[0] : retryAfter) ?? null,
        body: parseJson(text),
      },
    };
  } catch (error) {
    if (abort.signal.aborted) return { kind: "timeout" };
    const code = String((error as { code?: unknown } | undefined)?.code ?? "network");
    if (code === "UND_ERR_RES_EXCEEDED_MAX_SIZE") return { kind: "too-large" };
    return { kind: NOT_SENT.has(code) ? "not-sent" : "broken", code };
  } finally {
    clearTimeout(timer);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
