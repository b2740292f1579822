import { expect, type APIRequestContext } from "@playwright/test";
import { FAULT_UPSTREAM_URL } from "./e2e-servers";

/** The behaviours of tests/support/fault-upstream.mjs. */
export type FaultMode =
  | "ok"
  | "400"
  | "401"
  | "500"
  | "503-retry-after"
  | "429"
  | "hang"
  | "slow-body"
  | "malformed"
  | "html"
  | "reset"
  | "close-connection";

/** Sets how the fault upstream answers from now on (or for the next `times` calls) and zeroes its counters. */
export async function setFault(
  request: APIRequestContext,
  mode: FaultMode,
  options: { times?: number } = {},
) {
  const response = await request.post(`${FAULT_UPSTREAM_URL}/__fault`, {
    data: { mode, ...options },
  });
  expect(response.status(), `fault upstream refused mode ${mode}`).toBe(200);
}

/** How many upstream calls reached the fault upstream on `path` since the last setFault. */
export async function upstreamHits(request: APIRequestContext, path: string): Promise<number> {
  const response = await request.get(`${FAULT_UPSTREAM_URL}/__stats`);
  const stats = (await response.json()) as { hits: Record<string, number> };
  return stats.hits[path] ?? 0;
}

export const MINT_PATH = "/onramp/v1/token";
export const OAUTH_TOKEN_PATH = "/oauth2/token";
