import "server-only";
import { accountsByIds } from "./accounts";
import { authorizeApiCall } from "./api-auth";
import { paginatedList } from "./pagination";

/**
 * GET /v2/accounts: the accounts this authorization covers, newest first, with
 * Coinbase's cursor pagination.
 */
export function handleListAccounts(request: Request, now = Date.now()): Response {
  const caller = authorizeApiCall(request, "wallet:accounts:read", now);
  if (!caller.ok) return caller.response;
  return paginatedList(request, "/v2/accounts", accountsByIds(caller.grant.accountIds), (a) => a);
}
