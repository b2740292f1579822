import { readFileSync } from "node:fs";
import { expect, type APIRequestContext } from "@playwright/test";
import { FAULT_CONTROL_FILE } from "./e2e-servers";

/** The behaviours of tests/support/fault-upstream.mjs, for every call it receives. */
export type FaultMode =
  /** Each endpoint's success, in Coinbase's shape. */
  | "ok"
  /** Coinbase's errors, in each host's error shape. */
  | "400"
  | "401"
  | "403"
  | "429" // with Retry-After: 7
  | "500"
  | "503-retry-after" // with Retry-After: 2
  /** No answer at all; the client's deadline ends the call. */
  | "hang"
  /** 200 and a partial body, then nothing. */
  | "slow-body"
  /** 200 with a body that is not JSON. */
  | "malformed"
  /** A proxy's 502 page. */
  | "html"
  /** 200 with an empty body. */
  | "empty"
  /** 204 No Content. */
  | "no-content"
  /** 200 and a partial body, then the connection is cut. */
  | "reset"
  /** The connection is cut before any answer. */
  | "close-connection"
  /** Nothing listens on the upstream port: connections are refused (open ones are closed). */
  | "refused";

/** Where the control API listens: it has a port of its own, so it answers even in "refused". */
function controlUrl(): string {
  return (JSON.parse(readFileSync(FAULT_CONTROL_FILE, "utf8")) as { url: string }).url;
}

/**
 * Sets how the fault upstream answers from now on (or for the next `times` calls; or only
 * calls whose path matches `only`, a regular expression) and zeroes its counters.
 * `errorType` is the type the v2 platform APIs' error bodies carry.
 */
export async function setFault(
  request: APIRequestContext,
  mode: FaultMode,
  options: { times?: number; only?: string; errorType?: string } = {},
) {
  const response = await request.post(`${controlUrl()}/__fault`, { data: { mode, ...options } });
  expect(response.status(), `fault upstream refused mode ${mode}`).toBe(200);
}

/** Upstream calls received since the last setFault, by path. */
export async function upstreamCalls(request: APIRequestContext): Promise<Record<string, number>> {
  const response = await request.get(`${controlUrl()}/__stats`);
  return ((await response.json()) as { hits: Record<string, number> }).hits;
}

/** How many upstream calls reached the fault upstream on `path` (or paths matching it) since the last setFault. */
export async function upstreamHits(
  request: APIRequestContext,
  path: string | RegExp,
): Promise<number> {
  const calls = await upstreamCalls(request);
  return Object.entries(calls)
    .filter(([p]) => (typeof path === "string" ? p === path : path.test(p)))
    .reduce((sum, [, n]) => sum + n, 0);
}

export const MINT_PATH = "/onramp/v1/token";
export const OAUTH_TOKEN_PATH = "/oauth2/token";
