import type { AuthorizeQuery } from "./authorize-schema";
import { SEND_SCOPE } from "./scopes";

export interface AuthorizeEndpoint {
  authorizeUrl: string;
  clientId: string;
  redirectUri: string;
}

/**
 * The Coinbase authorize URL. PKCE S256 always; `account_currency` only with `select`;
 * the send-limit `meta[…]` parameters only when the send scope is asked for (Coinbase
 * refuses the send scope without them). Browser-safe: the connect page previews it.
 */
export function buildAuthorizeUrl(
  endpoint: AuthorizeEndpoint,
  query: AuthorizeQuery,
  secrets: { state: string; codeChallenge: string },
): string {
  const url = new URL(endpoint.authorizeUrl);
  const set = (name: string, value: string | undefined) =>
    value !== undefined && url.searchParams.set(name, value);
  set("response_type", "code");
  set("client_id", endpoint.clientId);
  set("redirect_uri", endpoint.redirectUri);
  set("scope", query.scope.join(","));
  set("state", secrets.state);
  set("code_challenge", secrets.codeChallenge);
  set("code_challenge_method", "S256");
  set("account", query.account);
  if (query.account === "select") set("account_currency", query.account_currency?.join(","));
  if (query.scope.includes(SEND_SCOPE)) {
    set("meta[send_limit_amount]", query.send_limit_amount);
    set("meta[send_limit_currency]", query.send_limit_currency);
    set("meta[send_limit_period]", query.send_limit_period ?? "month");
  }
  return url.toString();
}
