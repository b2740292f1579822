import "server-only";
import type { z } from "zod";
import { getConfig } from "@/lib/config/env";
import { fetchUpstream, type RetryPolicy, type UpstreamResponse } from "@/lib/http/upstream-fetch";
import { upstreamError } from "@/lib/http/upstream-errors";
import { log } from "@/lib/log/logger";
import { loggedPath } from "@/lib/log/logged-path";
import { mapCdpStatus } from "./cdp-errors";
import { signCdpJwt, type CdpJwtKey } from "./jwt";
import { getCdpJwtKey } from "./signing-key";

/**
 * Every call to the CDP API goes through here, in the request's own thread, the same under
 * `next dev` and `next start`: sign a fresh JWT, send, turn Coinbase's errors into ours,
 * check the answer's shape. The file to copy into a server of your own.
 */

export interface CdpClientOptions {
  baseUrl: string;
  key: CdpJwtKey;
  /** Defaults to UPSTREAM_TIMEOUT_MS. */
  timeoutMs?: number;
}

/**
 * A caller's own settings, for the API files: the timeout included, since its default is read
 * from this app's configuration, which a product of its own does not have.
 */
export type OwnCdpClient = Required<CdpClientOptions>;

/**
 * A CDP call, its answer checked against `schema`: with the key and base URL given in `client`,
 * or this app's (`getConfig()`, which checks the whole app's environment) when none is.
 */
export async function cdpCall<S extends z.ZodType>(
  schema: S,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  client?: OwnCdpClient,
): Promise<z.infer<S>> {
  const options = client ?? {
    baseUrl: getConfig().ramp.cdpApiBaseUrl,
    key: await getCdpJwtKey(),
  };
  const answer = await cdpRequest(options, method, path, body);
  const parsed = schema.safeParse(answer);
  if (!parsed.success) {
    // Which fields broke the schema (names and index, never the values) for whoever fixes it.
    const fields = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.code}`);
    log("warn", "cdp_unexpected_shape", { path: loggedPath(path.split("?")[0] ?? ""), fields });
    throw upstreamError();
  }
  return parsed.data;
}

/** One authenticated JSON call to the CDP API; failures leave as AppErrors. */
export async function cdpRequest(
  options: CdpClientOptions,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
): Promise<unknown> {
  // Every CDP call here reads, or mints a token that is simply left unused: safe to repeat.
  const response = await sendSignedCdp("cdp", options, { method, path, body, retry: "idempotent" });
  if (response.status < 200 || response.status > 299) {
    const refusedKey = response.status === 401 || response.status === 403;
    log("warn", "cdp_error", {
      path: loggedPath(path.split("?")[0] ?? ""),
      status: response.status,
      ...(refusedKey && {
        hint: "CDP refused the API key: check CDP_API_KEY_ID and CDP_API_KEY_SECRET",
      }),
    });
    throw mapCdpStatus(response.status, response.body, response.retryAfter);
  }
  if (response.body === undefined) {
    log("warn", "cdp_malformed_body", {
      path: loggedPath(path.split("?")[0] ?? ""),
      status: response.status,
    });
    throw upstreamError();
  }
  return response.body;
}

export interface SignedCdpRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  body?: unknown;
  retry: RetryPolicy;
  /**
   * The v2 API's `X-Idempotency-Key`: Coinbase answers a request repeated with the same key
   * as it answered the first, without doing it twice.
   */
  idempotencyKey?: string;
}

/**
 * Signs a fresh JWT for this method and URL (one per attempt) and sends the JSON request: what every CDP host
 * (the v1 API here, the v2 platform API for webhooks) shares. The caller reads the answer,
 * since v1 and v2 word their errors differently.
 */
export async function sendSignedCdp(
  service: string,
  options: CdpClientOptions,
  { method, path, body, retry, idempotencyKey }: SignedCdpRequest,
): Promise<UpstreamResponse> {
  const url = `${options.baseUrl}${path}`;
  return fetchUpstream(service, url, {
    method,
    // Signed per attempt: CDP accepts a JWT's nonce once, so a retry needs a JWT of its own.
    headers: async () => ({
      authorization: `Bearer ${await signCdpJwt(options.key, method, url)}`,
      accept: "application/json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(idempotencyKey === undefined ? {} : { "x-idempotency-key": idempotencyKey }),
    }),
    body: body === undefined ? undefined : JSON.stringify(body),
    timeoutMs: options.timeoutMs,
    retry,
  });
}
