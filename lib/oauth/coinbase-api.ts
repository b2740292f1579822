import "server-only";
import { log } from "@/lib/log/logger";
import { getConfig } from "@/lib/config/env";
import { AppError } from "@/lib/http/app-error";
import { fetchUpstream } from "@/lib/http/upstream-fetch";
import { upstreamBusy, upstreamError } from "@/lib/http/upstream-errors";
import { sessionEnded } from "./token-client";

/** Pinned API version: Coinbase changes shapes by date, so we say which one we read. */
export const CB_VERSION = "2025-01-01";
const MAX_ACCOUNT_PAGES = 10;

export interface CoinbaseUser {
  id: string;
  name?: string;
  username?: string | null;
  email?: string;
}

export interface CoinbaseAuthInfo {
  scopes: string[];
  oauthMeta: Record<string, string>;
}

export interface CoinbaseAccount {
  id: string;
  name: string;
  currency: string;
  balance: { amount: string; currency: string };
}

/** GET an API path with the user's token; Coinbase's errors become ours. */
async function apiGet(accessToken: string, pathAndQuery: string): Promise<Record<string, unknown>> {
  const response = await fetchUpstream(
    "coinbase-api",
    `${getConfig().oauth.apiBaseUrl}${pathAndQuery}`,
    {
      headers: {
        authorization: `Bearer ${accessToken}`,
        "CB-VERSION": CB_VERSION,
        accept: "application/json",
      },
      retry: "idempotent",
    },
  );
  if (response.status === 200 && typeof response.body === "object" && response.body !== null) {
    return response.body as Record<string, unknown>;
  }
  throw mapApiError(response.status, response.body, response.retryAfter);
}

export async function getUser(accessToken: string): Promise<CoinbaseUser> {
  const data = (await apiGet(accessToken, "/v2/user")).data as Record<string, unknown> | undefined;
  if (!data || typeof data.id !== "string") throw upstreamError();
  return {
    id: data.id,
    name: str(data.name),
    username: str(data.username),
    email: str(data.email),
  };
}

export async function getAuthInfo(accessToken: string): Promise<CoinbaseAuthInfo> {
  const data = (await apiGet(accessToken, "/v2/user/auth")).data as
    Record<string, unknown> | undefined;
  const scopes = Array.isArray(data?.scopes)
    ? data.scopes.filter((s): s is string => typeof s === "string")
    : [];
  const meta = (data?.oauth_meta ?? {}) as Record<string, unknown>;
  return {
    scopes,
    oauthMeta: Object.fromEntries(Object.entries(meta).map(([k, v]) => [k, String(v)])),
  };
}

/** Every account the user shared, following `next_uri` (at most 10 pages). */
export async function listAccounts(accessToken: string): Promise<CoinbaseAccount[]> {
  const accounts: CoinbaseAccount[] = [];
  let next: string | null = "/v2/accounts?limit=100";
  for (let page = 0; next && page < MAX_ACCOUNT_PAGES; page++) {
    const body = await apiGet(accessToken, next);
    for (const raw of Array.isArray(body.data) ? body.data : []) accounts.push(toAccount(raw));
    const uri: unknown = (body.pagination as Record<string, unknown> | undefined)?.next_uri;
    // Only follow paths on the same API: a next_uri is never allowed to send the token elsewhere.
    next = typeof uri === "string" && uri.startsWith("/v2/") ? uri : null;
  }
  return accounts;
}

function toAccount(raw: unknown): CoinbaseAccount {
  const a = (raw ?? {}) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  return {
    id: String(a.id ?? ""),
    name: String(a.name ?? ""),
    currency: String(a.currency?.code ?? a.currency ?? ""),
    balance: {
      amount: String(a.balance?.amount ?? "0"),
      currency: String(a.balance?.currency ?? ""),
    },
  };
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

function mapApiError(status: number, body: unknown, retryAfter: string | null): AppError {
  const errors = (body as { errors?: { id?: unknown }[] } | undefined)?.errors;
  const id = Array.isArray(errors) && typeof errors[0]?.id === "string" ? errors[0].id : undefined;
  log("warn", "coinbase_api_error", { status, id });
  if (status === 401) return sessionEnded();
  if (status === 403)
    return new AppError(
      "insufficient_scope",
      "This app was not given permission for that: ask for more permissions",
    );
  if (status === 429) return upstreamBusy(retryAfter);
  return upstreamError();
}
