import "server-only";
import { z } from "zod";
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

/** What every Coinbase API call carries: the token, the pinned version, and JSON asked for. */
export function apiHeaders(accessToken: string): Record<string, string> {
  return {
    authorization: `Bearer ${accessToken}`,
    "CB-VERSION": CB_VERSION,
    accept: "application/json",
  };
}

/** GET an API path with the user's token, its answer checked against `schema`; Coinbase's errors become ours. */
export async function apiGet<S extends z.ZodType>(
  accessToken: string,
  pathAndQuery: string,
  schema: S,
): Promise<z.infer<S>> {
  const response = await fetchUpstream(
    "coinbase-api",
    `${getConfig().oauth.apiBaseUrl}${pathAndQuery}`,
    {
      headers: apiHeaders(accessToken),
      retry: "idempotent",
    },
  );
  if (response.status !== 200)
    throw mapApiError(response.status, response.body, response.retryAfter);
  const parsed = schema.safeParse(response.body);
  if (!parsed.success) {
    log("warn", "coinbase_api_unexpected_shape", { path: pathAndQuery.split("?")[0] });
    throw upstreamError();
  }
  return parsed.data;
}

const text = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

const UserAnswer = z.object({
  data: z.object({ id: z.string().min(1), name: text, username: text, email: text }),
});

const AuthAnswer = z.object({
  data: z.object({
    scopes: z.array(z.string()).default([]),
    oauth_meta: z.record(z.string(), z.unknown()).default({}),
  }),
});

const AccountsPage = z.object({
  data: z.array(
    z.object({
      id: z.coerce.string(),
      name: z.coerce.string().default(""),
      // Coinbase has answered both `"BTC"` and `{ code: "BTC", … }` here.
      currency: z.union([z.string(), z.object({ code: z.string() })]).default(""),
      balance: z
        .object({ amount: z.coerce.string(), currency: z.string() })
        .default({ amount: "0", currency: "" }),
    }),
  ),
  pagination: z.object({ next_uri: z.string().nullish() }).optional(),
});

export async function getUser(accessToken: string): Promise<CoinbaseUser> {
  return (await apiGet(accessToken, "/v2/user", UserAnswer)).data;
}

export async function getAuthInfo(accessToken: string): Promise<CoinbaseAuthInfo> {
  const { scopes, oauth_meta } = (await apiGet(accessToken, "/v2/user/auth", AuthAnswer)).data;
  return {
    scopes,
    oauthMeta: Object.fromEntries(Object.entries(oauth_meta).map(([k, v]) => [k, String(v)])),
  };
}

/** Every account the user shared, following `next_uri` (at most 10 pages). */
export async function listAccounts(accessToken: string): Promise<CoinbaseAccount[]> {
  const accounts: CoinbaseAccount[] = [];
  let next: string | null = "/v2/accounts?limit=100";
  for (let page = 0; next && page < MAX_ACCOUNT_PAGES; page++) {
    const body: z.infer<typeof AccountsPage> = await apiGet(accessToken, next, AccountsPage);
    for (const a of body.data) {
      const currency = typeof a.currency === "string" ? a.currency : a.currency.code;
      accounts.push({ id: a.id, name: a.name, currency, balance: a.balance });
    }
    next = nextPage(body.pagination?.next_uri);
  }
  return accounts;
}

/** Where the next page is. Only a path on the same API: a next_uri never takes the token elsewhere. */
export function nextPage(uri: unknown): string | null {
  return typeof uri === "string" && uri.startsWith("/v2/") ? uri : null;
}

export function mapApiError(status: number, body: unknown, retryAfter: string | null): AppError {
  const errors = (body as { errors?: { id?: unknown }[] } | undefined)?.errors;
  const id = Array.isArray(errors) && typeof errors[0]?.id === "string" ? errors[0].id : undefined;
  log("warn", "coinbase_api_error", { status, id });
  if (status === 401) return sessionEnded();
  if (status === 403)
    return new AppError(
      "insufficient_scope",
      "This app was not given permission for that: ask for more permissions",
    );
  // An account or transaction id Coinbase does not know (or not for this user): no outage.
  if (status === 404)
    return new AppError("not_found", "Coinbase does not know that account or transaction");
  if (status === 429) return upstreamBusy(retryAfter);
  return upstreamError();
}
