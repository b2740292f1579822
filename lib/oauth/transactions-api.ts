import "server-only";
import { z } from "zod";
import { AppError, isAppError } from "@/lib/http/app-error";
import { fetchUpstream } from "@/lib/http/upstream-fetch";
import { upstreamError } from "@/lib/http/upstream-errors";
import { getConfig } from "@/lib/config/env";
import { log } from "@/lib/log/logger";
import { apiGet, apiHeaders, mapApiError, nextPage } from "./coinbase-api";
import { COINBASE_ID } from "./send-schema";

/** A transaction as /account shows it. */
export interface CoinbaseTransaction {
  id: string;
  type: string;
  status: string;
  amount: { amount: string; currency: string };
  nativeAmount?: { amount: string; currency: string };
  createdAt: string;
  to?: string;
  network?: { status?: string; hash?: string; name?: string };
  /** The app's key for a send it made (Connect docs): the same `idem` is the same send. */
  idem?: string;
}

/** Final statuses: a send in one of these is followed no further. */
export const FINAL_STATUSES = ["completed", "failed", "canceled", "expired"];

const money = z.object({ amount: z.coerce.string(), currency: z.string() });
const Transaction = z.object({
  id: z.string(),
  type: z.string(),
  status: z.string(),
  amount: money,
  native_amount: money.nullish(),
  created_at: z.string(),
  idem: z.string().nullish(),
  to: z
    .object({ address: z.string().nullish(), email: z.string().nullish() })
    .passthrough()
    .nullish(),
  network: z
    .object({
      status: z.string().nullish(),
      hash: z.string().nullish(),
      network_name: z.string().nullish(),
    })
    .passthrough()
    .nullish(),
});
type RawTransaction = z.infer<typeof Transaction>;
const One = z.object({ data: Transaction });
const Page = z.object({
  data: z.array(Transaction),
  pagination: z.object({ next_uri: z.string().nullish() }).nullish(),
});
// A period's sends: up to 1,000 transactions of one account are read before giving up.
const MAX_TRANSACTION_PAGES = 10;

/** The send's body, built once per attempt so the two-step replay is byte for byte the same. */
export interface SendBody {
  type: "send";
  to: string;
  amount: string;
  currency: string;
  network: string;
  idem: string;
}

/**
 * `POST /v2/accounts/{id}/transactions`. `idem` makes a repeat harmless, so a request that
 * may not have arrived is sent again; with `twoFactorToken`, the identical request plus
 * `CB-2FA-TOKEN`.
 */
export async function postSend(
  accessToken: string,
  accountId: string,
  body: SendBody,
  twoFactorToken?: string,
): Promise<CoinbaseTransaction> {
  const headers: Record<string, string> = {
    ...apiHeaders(accessToken),
    "content-type": "application/json",
  };
  if (twoFactorToken) headers["CB-2FA-TOKEN"] = twoFactorToken;
  const response = await fetchUpstream(
    "coinbase-api",
    `${getConfig().oauth.apiBaseUrl}/v2/accounts/${encodeURIComponent(accountId)}/transactions`,
    { method: "POST", headers, body: JSON.stringify(body), retry: "idempotent" },
  );
  if (response.status !== 200 && response.status !== 201) {
    const error = mapSendError(response.status, response.body, response.retryAfter);
    // Asked for a code again when one was sent: Coinbase did not take that code (wrong, or
    // run out and replaced by a new one), and has no other documented way of saying so.
    if (twoFactorToken && error.code === "two_factor_required") {
      throw new AppError(
        "invalid_two_factor",
        "That code is not right, or has expired: check the latest message and try again",
      );
    }
    throw error;
  }
  const parsed = One.safeParse(response.body);
  if (!parsed.success) {
    log("warn", "coinbase_api_unexpected_shape", { path: "/v2/accounts/:id/transactions" });
    throw upstreamError();
  }
  return toTransaction(parsed.data.data);
}

export async function getTransaction(
  accessToken: string,
  accountId: string,
  id: string,
): Promise<CoinbaseTransaction> {
  // Ids from the request's path: "..", which encodeURIComponent keeps, would call another
  // of Coinbase's endpoints with the user's token.
  if (!COINBASE_ID.test(accountId) || !COINBASE_ID.test(id))
    throw new AppError("not_found", "There is no such send");
  const path = `/v2/accounts/${encodeURIComponent(accountId)}/transactions/${encodeURIComponent(id)}`;
  return toTransaction((await apiGet(accessToken, path, One)).data);
}

/**
 * An account's transactions made since `since` (ms), newest first, following Coinbase's
 * pages until one reaches back past it. `complete` is false when there were more than the
 * pages read cover: what they add up to is then not the whole period.
 */
export async function listTransactionsSince(
  accessToken: string,
  accountId: string,
  since: number,
): Promise<{ transactions: CoinbaseTransaction[]; complete: boolean }> {
  const transactions: CoinbaseTransaction[] = [];
  let next: string | null = `/v2/accounts/${encodeURIComponent(accountId)}/transactions?limit=100`;
  for (let page = 0; next && page < MAX_TRANSACTION_PAGES; page++) {
    const body: z.infer<typeof Page> = await apiGet(accessToken, next, Page);
    const batch = body.data.map(toTransaction);
    transactions.push(...batch);
    const oldest = batch.at(-1);
    next =
      oldest && Date.parse(oldest.createdAt) > since ? nextPage(body.pagination?.next_uri) : null;
  }
  return { transactions, complete: next === null };
}

/**
 * Whether a failed `spotPrice` means the send cannot be valued (Coinbase has no price for the
 * pair). Not an outage (5xx: try again), and not the session ending between two calls (renewed
 * by the caller, or "connect again"): neither says anything about the send.
 */
export function noPriceFor(error: unknown): boolean {
  return isAppError(error) && error.status < 500 && error.code !== "not_connected";
}

const Spot = z.object({ data: z.object({ amount: z.coerce.string() }) });

/** `GET /v2/prices/{BASE}-{FIAT}/spot`: what one unit is worth, to check a send against the limit. */
export async function spotPrice(accessToken: string, base: string, fiat: string): Promise<string> {
  return (await apiGet(accessToken, `/v2/prices/${base}-${fiat}/spot`, Spot)).data.amount;
}

function toTransaction(t: RawTransaction): CoinbaseTransaction {
  return {
    id: t.id,
    type: t.type,
    status: t.status,
    amount: t.amount,
    nativeAmount: t.native_amount ?? undefined,
    createdAt: t.created_at,
    to: t.to?.address ?? t.to?.email ?? undefined,
    idem: t.idem ?? undefined,
    network: t.network
      ? {
          status: t.network.status ?? undefined,
          hash: t.network.hash ?? undefined,
          name: t.network.network_name ?? undefined,
        }
      : undefined,
  };
}

/**
 * A refused send: each reason its own code and words. Coinbase documents few error ids
 * for sends, so an unknown one keeps Coinbase's own message (it is written for users).
 */
export function mapSendError(status: number, body: unknown, retryAfter: string | null): AppError {
  const first = (body as { errors?: { id?: unknown; message?: unknown }[] } | undefined)
    ?.errors?.[0];
  const id = typeof first?.id === "string" ? first.id : "";
  const message = typeof first?.message === "string" ? first.message.slice(0, 300) : "";
  // The docs give 402 in one place and 400 in another.
  if (id === "two_factor_required" && (status === 402 || status === 400)) {
    return new AppError(
      "two_factor_required",
      "Coinbase sent a two-step verification code: enter it to approve the send",
    );
  }
  if (id === "invalid_two_factor_token" || id === "incorrect_two_factor_token") {
    return new AppError(
      "invalid_two_factor",
      "That code is not right: check the latest message and try again",
    );
  }
  if (id === "expired_two_factor_token") {
    return new AppError("two_factor_expired", "That code has expired: ask for a new one");
  }
  if (id === "send_limit_exceeded")
    return new AppError(
      "send_limit_exceeded",
      message || "This send is over the limit you approved",
    );
  if (id === "insufficient_funds")
    return new AppError("insufficient_funds", message || "Not enough funds in this account");
  if (id === "invalid_address")
    return new AppError("invalid_address", message || "That address is not valid for this network");
  // Any other refusal is shown in Coinbase's words (Connect docs: the error for a send over the
  // limit is undocumented), whatever its status: a 403 with an unknown id is not "ask for
  // more permissions". Unworded, or about scopes, it goes through the general mapping.
  const refusal = status >= 400 && status < 500 && status !== 401 && status !== 429;
  if (refusal && !/scope/i.test(id) && (message || status === 400 || status === 422)) {
    log("warn", "coinbase_send_refused", { status, id });
    return new AppError("upstream_rejected", message || "Coinbase refused the send");
  }
  return mapApiError(status, body, retryAfter);
}
