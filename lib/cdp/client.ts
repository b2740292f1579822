import "server-only";
import type { CdpSigningKey } from "./api-key";
import { signCdpJwt } from "./jwt";
import { mapCdpStatus, upstreamError, upstreamTimeout } from "./upstream-errors";

export interface CdpClientOptions {
  baseUrl: string;
  key: CdpSigningKey;
  timeoutMs: number;
}

/**
 * One authenticated JSON call to the CDP API. A fresh JWT per request; every failure
 * leaves as an AppError. Node's fetch keeps one connection pool for the process.
 */
export async function cdpRequest(
  options: CdpClientOptions,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
): Promise<unknown> {
  const url = `${options.baseUrl}${path}`;
  const jwt = await signCdpJwt(options.key, method, url);
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${jwt}`,
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      // The timeout covers the body too: a server that sends headers and then stalls is caught.
      signal: AbortSignal.timeout(options.timeoutMs),
      cache: "no-store",
    });
    text = await response.text();
  } catch (error) {
    logFailure(path, error);
    throw isTimeout(error) ? upstreamTimeout() : upstreamError();
  }
  const parsed = parseJson(text);
  if (!response.ok) {
    console.warn(JSON.stringify({ event: "cdp_error", path, status: response.status }));
    throw mapCdpStatus(response.status, parsed, response.headers.get("retry-after"));
  }
  if (parsed === undefined) {
    console.warn(JSON.stringify({ event: "cdp_malformed_body", path, status: response.status }));
    throw upstreamError();
  }
  return parsed;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && error.name === "TimeoutError";
}

function logFailure(path: string, error: unknown) {
  const cause = (error as { cause?: { code?: string } })?.cause?.code;
  console.warn(JSON.stringify({ event: "cdp_unreachable", path, reason: isTimeout(error) ? "timeout" : (cause ?? "network") }));
}
