import "server-only";
import type { IncomingHttpHeaders } from "node:http";
import { Agent, type Dispatcher } from "undici";
import { getConfig } from "@/lib/config/env";
import { log } from "@/lib/log/logger";
import { upstreamError, upstreamTimeout } from "./upstream-errors";

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
  method?: string;
  headers?: Record<string, string>;
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

/**
 * One HTTP call to a Coinbase service: at most two attempts, both inside one deadline
 * (`UPSTREAM_TIMEOUT_MS`, body included, so a server that stalls mid-body is caught).
 * Connection failures and timeouts become our errors here; status handling is left to
 * the caller, which knows the API.
 *
 * undici's dispatcher over one keep-alive pool per thread, not `fetch` or node:http: a
 * minting request is little more than this call, and fetch's web streams (plus Next's
 * fetch instrumentation) or node:http's streams cost several times the CPU (see README,
 * Performance).
 */
export async function fetchUpstream(
  service: string,
  url: string,
  init: UpstreamInit,
): Promise<UpstreamResponse> {
  const { retry, timeoutMs = getConfig().upstreamTimeoutMs, ...request } = init;
  const deadline = Date.now() + timeoutMs;
  const target = new URL(url);
  const path = target.pathname; // never the query: it may carry tokens
  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptOnce(target, request, deadline);
    const retryable =
      outcome.kind === "not-sent" ||
      (retry === "idempotent" &&
        (outcome.kind === "broken" ||
          (outcome.kind === "response" &&
            (outcome.response.status === 502 || outcome.response.status === 503))));
    const pause = retryable ? 50 + Math.random() * 200 : 0; // jitter: instances must not retry in lockstep
    if (attempt === 1 && retryable && deadline - Date.now() > pause + 100) {
      log("warn", "upstream_retry", {
        service,
        path,
        reason: outcome.kind === "response" ? outcome.response.status : outcome.kind,
      });
      await new Promise((resolve) => setTimeout(resolve, pause));
      continue;
    }
    if (outcome.kind === "response") return outcome.response;
    log("warn", "upstream_unreachable", {
      service,
      path,
      reason:
        outcome.kind === "broken" || outcome.kind === "not-sent" ? outcome.code : outcome.kind,
    });
    throw outcome.kind === "timeout" ? upstreamTimeout() : upstreamError();
  }
}

type Attempt =
  | { kind: "response"; response: UpstreamResponse }
  | { kind: "timeout" }
  | { kind: "too-large" }
  | { kind: "not-sent" | "broken"; code: string };

// One pool per thread (CDP calls have a thread of their own: lib/cdp/cdp-thread.ts), shared
// by every bundle Next builds. Idle connections close after 4 s (sooner if the server says
// so), before servers drop them, as fetch does.
const POOL = Symbol.for("coinbase-reference.upstream-pool");
type GlobalWithPool = typeof globalThis & { [POOL]?: Agent };

function pool(): Agent {
  const g = globalThis as GlobalWithPool;
  return (g[POOL] ??= new Agent({ keepAliveTimeout: 4000, keepAliveMaxTimeout: 4000 }));
}

function attemptOnce(
  url: URL,
  init: Omit<UpstreamInit, "retry" | "timeoutMs">,
  deadline: number,
): Promise<Attempt> {
  // As fetch sent them: some gateways refuse a request without a User-Agent.
  const headers: Record<string, string> = { "user-agent": "node", accept: "*/*" };
  for (const [name, value] of Object.entries(init.headers ?? {}))
    headers[name.toLowerCase()] = value;
  if (init.body instanceof URLSearchParams)
    headers["content-type"] ??= "application/x-www-form-urlencoded;charset=UTF-8";

  return new Promise((resolve) => {
    let settled = false;
    let controller: Dispatcher.DispatchController | undefined;
    let status = 0;
    let responseHeaders: IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    let received = 0;
    const finish = (attempt: Attempt) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(attempt);
    };
    // The deadline covers the body too, so a server that stalls mid-body is caught.
    const timer = setTimeout(
      () => {
        finish({ kind: "timeout" });
        controller?.abort(new Error("upstream deadline"));
      },
      Math.max(1, deadline - Date.now()),
    );
    const fail = (error: unknown) => {
      const code = String((error as { code?: unknown } | undefined)?.code ?? "network");
      finish({ kind: NOT_SENT.has(code) ? "not-sent" : "broken", code });
    };
    // undici's handler API rather than its request(): no stream per response, and the
    // answers here are small JSON documents read whole.
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(started) {
        controller = started;
        if (settled) started.abort(new Error("upstream deadline"));
      },
      onResponseStart(_, statusCode, incoming) {
        status = statusCode;
        responseHeaders = incoming;
      },
      onResponseData(response, chunk) {
        received += chunk.length;
        if (received > MAX_RESPONSE_BYTES) {
          finish({ kind: "too-large" });
          response.abort(new Error("upstream response too large"));
          return;
        }
        chunks.push(chunk);
      },
      onResponseEnd() {
        const text = Buffer.concat(chunks).toString("utf8");
        finish({
          kind: "response",
          response: {
            status,
            retryAfter: firstValue(responseHeaders["retry-after"]),
            body: parseJson(text),
          },
        });
      },
      onResponseError: (_, error) => fail(error),
    };
    try {
      pool().dispatch(
        {
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: (init.method ?? "GET") as Dispatcher.HttpMethod,
          headers,
          body: init.body === undefined ? undefined : String(init.body),
        },
        handler,
      );
    } catch (error) {
      fail(error); // a header value or URL that undici refuses
    }
  });
}

function firstValue(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
