import "server-only";
import { accountsByIds } from "./accounts";
import { authorizeApiCall } from "./api-auth";
import { apiError, apiJson } from "./api-response";

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;

/**
 * GET /v2/accounts: the accounts this authorization covers, newest first, with
 * Coinbase's cursor pagination. `next_uri` is relative to the API root, as Coinbase's is.
 */
export function handleListAccounts(request: Request, now = Date.now()): Response {
  const caller = authorizeApiCall(request, "wallet:accounts:read", now);
  if (!caller.ok) return caller.response;
  const query = new URL(request.url).searchParams;
  const rawLimit = query.get("limit");
  const limit =
    rawLimit === null ? DEFAULT_LIMIT : /^\d{1,3}$/.test(rawLimit) ? Number(rawLimit) : NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT)) {
    return apiError(
      request,
      400,
      "invalid_request",
      `limit must be a whole number from 1 to ${MAX_LIMIT}`,
    );
  }
  const accounts = accountsByIds(caller.grant.accountIds);
  const startingAfter = query.get("starting_after");
  const start = startingAfter === null ? 0 : accounts.findIndex((a) => a.id === startingAfter) + 1;
  if (start === 0 && startingAfter !== null) {
    return apiError(
      request,
      400,
      "invalid_request",
      "starting_after must be the id of an account in this list",
    );
  }
  const page = accounts.slice(start, start + limit);
  const last = page.at(-1);
  const more = start + limit < accounts.length && last !== undefined;
  return apiJson(request, {
    pagination: {
      ending_before: null,
      starting_after: startingAfter,
      limit,
      order: "desc",
      previous_uri: null,
      next_uri: more
        ? `/v2/accounts?${new URLSearchParams({ limit: String(limit), starting_after: last.id })}`
        : null,
    },
    data: page,
  });
}
