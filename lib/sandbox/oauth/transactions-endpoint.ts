import "server-only";
import { fixed } from "@/lib/sandbox/cdp/decimal";
import { SEND_SCOPE } from "@/lib/oauth/scopes";
import { debitAccount, findAccount } from "./accounts";
import { authorizeApiCall } from "./api-auth";
import { apiError, apiJson } from "./api-response";
import { paginatedList } from "./pagination";
import { canonicalBody, checkBalance, checkLimit, nativeValue, readSendBody } from "./send-rules";
import {
  findSend,
  findSendByIdem,
  recordSend,
  sendsOfAccount,
  sendsOfClient,
  toApi,
} from "./sends";
import { checkTwoFactorCode, sendTwoFactorCode } from "./two-factor";
import type { Grant } from "./types";

const MAX_BODY_CHARS = 4 * 1024;

/**
 * `POST /v2/accounts/{id}/transactions` (`type: "send"`), enforcing what Coinbase enforces:
 * the send scope, an account of this grant, a valid address, the balance, the granted limit
 * per period, two-step verification (402 `two_factor_required`, then the identical request
 * with `CB-2FA-TOKEN`), and `idem`: the same one again answers the earlier send.
 */
export async function handleSend(
  request: Request,
  accountId: string,
  now = Date.now(),
): Promise<Response> {
  const caller = authorizeApiCall(request, SEND_SCOPE, now);
  if (!caller.ok) return caller.response;
  const account = accountOf(caller.grant, accountId);
  if (!account) return apiError(request, 404, "not_found", "Not found");
  const raw = await request.text().catch(() => "");
  let body: unknown;
  try {
    body = raw.length <= MAX_BODY_CHARS ? JSON.parse(raw) : undefined;
  } catch {
    body = undefined;
  }
  const send = readSendBody(body, account.currency.code);
  if ("status" in send) return apiError(request, send.status, send.id, send.message);

  const earlier = send.idem ? findSendByIdem(account.id, send.idem) : undefined;
  if (earlier) return apiJson(request, { data: toApi(earlier, now) }, 201);

  const native = nativeValue(send, caller.grant.sendLimit);
  const refusal =
    checkBalance(account.balance.amount, send.amount, send.currency) ??
    checkLimit(caller.grant.sendLimit, native, sendsOfClient(caller.grant.clientId), now);
  if (refusal) return apiError(request, refusal.status, refusal.id, refusal.message);

  const codeKey = `${caller.grant.id}:${account.id}:${send.idem ?? ""}`;
  const token = request.headers.get("cb-2fa-token");
  if (!token) {
    await sendTwoFactorCode(codeKey, canonicalBody(send), now);
    return apiError(
      request,
      402,
      "two_factor_required",
      "Two-step verification code required to complete this request. Re-send the request with the CB-2FA-TOKEN header",
    );
  }
  // A wrong or spent code gets the documented answer again (the Connect docs name no other id): the
  // send still needs a code. One that ran out is replaced by a fresh one, as Coinbase texts anew.
  const check = checkTwoFactorCode(codeKey, canonicalBody(send), token, now);
  if (check === "wrong") {
    return apiError(
      request,
      402,
      "two_factor_required",
      "That two-step verification code is incorrect. Re-send the request with the right CB-2FA-TOKEN",
    );
  }
  if (check === "expired") {
    await sendTwoFactorCode(codeKey, canonicalBody(send), now);
    return apiError(
      request,
      402,
      "two_factor_required",
      "That two-step verification code has expired. A new one was sent: re-send the request with it",
    );
  }
  debitAccount(account.id, fixed(send.amount));
  const made = recordSend({
    grantId: caller.grant.id,
    clientId: caller.grant.clientId,
    accountId: account.id,
    idem: send.idem,
    currency: send.currency,
    network: send.network,
    amount: send.amount,
    // checkLimit refused any send without a value in the limit's currency.
    nativeAmount: native!,
    to: send.to.includes("@")
      ? { kind: "email", email: send.to }
      : { kind: "address", address: send.to },
    description: send.description,
    createdAt: now,
  });
  return apiJson(request, { data: toApi(made, now) }, 201);
}

/** `GET /v2/accounts/{id}/transactions`: this account's sends, newest first, a page at a time. */
export function handleListTransactions(
  request: Request,
  accountId: string,
  now = Date.now(),
): Response {
  const caller = authorizeApiCall(request, "wallet:transactions:read", now);
  if (!caller.ok) return caller.response;
  if (!accountOf(caller.grant, accountId)) return apiError(request, 404, "not_found", "Not found");
  const path = `/v2/accounts/${encodeURIComponent(accountId)}/transactions`;
  return paginatedList(request, path, sendsOfAccount(accountId), (s) => toApi(s, now));
}

/**
 * `GET /v2/accounts/{id}/transactions/{tx}`: Coinbase's "show a transaction" needs
 * `wallet:transactions:read`, as listing does; the send scope alone cannot follow a send.
 */
export function handleGetTransaction(
  request: Request,
  accountId: string,
  id: string,
  now = Date.now(),
): Response {
  const caller = authorizeApiCall(request, "wallet:transactions:read", now);
  if (!caller.ok) return caller.response;
  const send = accountOf(caller.grant, accountId) ? findSend(accountId, id) : undefined;
  if (!send) return apiError(request, 404, "not_found", "Not found");
  return apiJson(request, { data: toApi(send, now) });
}

function accountOf(grant: Grant, accountId: string) {
  return grant.accountIds.includes(accountId) ? findAccount(accountId) : undefined;
}
