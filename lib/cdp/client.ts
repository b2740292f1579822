import "server-only";
import { log } from "@/lib/log/logger";
import { fetchUpstream } from "@/lib/http/upstream-fetch";
import { upstreamError } from "@/lib/http/upstream-errors";
import type { CdpSigningKey } from "./api-key";
import { mapCdpStatus } from "./cdp-errors";
import { signCdpJwt } from "./jwt";

export interface CdpClientOptions {
  baseUrl: string;
  key: CdpSigningKey;
  /** Defaults to UPSTREAM_TIMEOUT_MS. */
  timeoutMs?: number;
}

/** One authenticated JSON call to the CDP API, with a fresh JWT; failures leave as AppErrors. */
export async function cdpRequest(
  options: CdpClientOptions,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
): Promise<unknown> {
  const url = `${options.baseUrl}${path}`;
  const jwt = signCdpJwt(options.key, method, url);
  const response = await fetchUpstream("cdp", url, {
    method,
    headers: {
      authorization: `Bearer ${jwt}`,
      accept: "application/json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    timeoutMs: options.timeoutMs,
    // Minting twice only leaves an unused token behind: safe to repeat.
    retry: "idempotent",
  });
  if (response.status < 200 || response.status > 299) {
    log("warn", "cdp_error", { path, status: response.status });
    throw mapCdpStatus(response.status, response.body, response.retryAfter);
  }
  if (response.body === undefined) {
    log("warn", "cdp_malformed_body", { path, status: response.status });
    throw upstreamError();
  }
  return response.body;
}
