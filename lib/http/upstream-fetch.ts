import "server-only";
import { upstreamError, upstreamTimeout } from "./upstream-errors";

export interface UpstreamResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or undefined when the body was not JSON. */
  body: unknown;
}

/**
 * One HTTP call to a Coinbase service, with the body read inside the timeout (a server
 * that sends headers and then stalls is caught too). Connection failures and timeouts
 * become our errors here; status handling is left to the caller, which knows the API.
 * Node's fetch keeps one connection pool for the process.
 */
export async function fetchUpstream(
  service: string,
  url: string,
  init: RequestInit & { timeoutMs: number },
): Promise<UpstreamResponse> {
  const { timeoutMs, ...rest } = init;
  try {
    const response = await fetch(url, { ...rest, signal: AbortSignal.timeout(timeoutMs), cache: "no-store" });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: parseJson(text) };
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === "TimeoutError";
    const cause = (error as { cause?: { code?: string } })?.cause?.code;
    // Path only: query strings may carry tokens.
    console.warn(JSON.stringify({ event: "upstream_unreachable", service, path: new URL(url).pathname, reason: timedOut ? "timeout" : (cause ?? "network") }));
    throw timedOut ? upstreamTimeout() : upstreamError();
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
