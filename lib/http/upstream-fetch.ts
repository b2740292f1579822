import "server-only";
import {
  Agent as HttpAgent,
  request as httpRequest,
  type ClientRequest,
  type IncomingHttpHeaders,
} from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
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

export interface UpstreamInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | URLSearchParams;
  retry: RetryPolicy;
  /** Defaults to UPSTREAM_TIMEOUT_MS. */
  timeoutMs?: number;
}

// Failures where the request provably never reached the server.
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/**
 * One HTTP call to a Coinbase service: at most two attempts, both inside one deadline
 * (`UPSTREAM_TIMEOUT_MS`, body included, so a server that stalls mid-body is caught).
 * Connection failures and timeouts become our errors here; status handling is left to
 * the caller, which knows the API.
 *
 * Plain node:http(s) over one keep-alive pool per process, not `fetch`: a minting
 * request is little more than this call, and fetch's web streams (plus Next's fetch
 * instrumentation) cost several times the CPU (see README, Performance).
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
      reason: outcome.kind === "timeout" ? "timeout" : outcome.code,
    });
    throw outcome.kind === "timeout" ? upstreamTimeout() : upstreamError();
  }
}

type Attempt =
  | { kind: "response"; response: UpstreamResponse }
  | { kind: "timeout" }
  | { kind: "not-sent" | "broken"; code: string };

// One pool per process, shared by every bundle Next builds. Idle connections close after
// 4 s (sooner if the server says so), before servers drop them, as fetch does.
const POOLS = Symbol.for("coinbase-reference.upstream-pools");
type GlobalWithPools = typeof globalThis & { [POOLS]?: { http: HttpAgent; https: HttpsAgent } };

function pool(protocol: string): HttpAgent {
  const g = globalThis as GlobalWithPools;
  g[POOLS] ??= {
    http: new HttpAgent({ keepAlive: true, timeout: 4000 }),
    https: new HttpsAgent({ keepAlive: true, timeout: 4000 }),
  };
  return protocol === "https:" ? g[POOLS].https : g[POOLS].http;
}

function attemptOnce(
  url: URL,
  init: Omit<UpstreamInit, "retry" | "timeoutMs">,
  deadline: number,
): Promise<Attempt> {
  const body = init.body === undefined ? undefined : String(init.body);
  // As fetch sent them: some gateways refuse a request without a User-Agent.
  const headers: Record<string, string> = { "user-agent": "node", accept: "*/*" };
  for (const [name, value] of Object.entries(init.headers ?? {}))
    headers[name.toLowerCase()] = value;
  if (init.body instanceof URLSearchParams)
    headers["content-type"] ??= "application/x-www-form-urlencoded;charset=UTF-8";
  if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;

  return new Promise((resolve) => {
    let settled = false;
    let timedOut = false;
    let req: ClientRequest | undefined;
    const timer = setTimeout(
      () => {
        timedOut = true;
        req?.destroy();
        finish({ kind: "timeout" });
      },
      Math.max(1, deadline - Date.now()),
    );
    const finish = (attempt: Attempt) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(attempt);
    };
    const fail = (error: unknown) => {
      if (timedOut) return finish({ kind: "timeout" });
      const code = String((error as { code?: unknown } | undefined)?.code ?? "network");
      finish({ kind: NOT_SENT.has(code) ? "not-sent" : "broken", code });
    };
    try {
      req = send(
        url,
        { method: init.method ?? "GET", headers, agent: pool(url.protocol) },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            finish({
              kind: "response",
              response: {
                status: res.statusCode ?? 0,
                headers: toHeaders(res.headers),
                body: parseJson(text),
              },
            });
          });
          res.on("error", fail);
          res.on("close", () => fail({ code: "ECONNRESET" })); // after "end", a no-op
        },
      );
    } catch (error) {
      return fail(error); // a header value or URL that Node refuses
    }
    req.on("error", fail);
    req.end(body);
  });
}

function toHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
