import "server-only";
import { getConfig } from "@/lib/config/env";
import { FIAT_CURRENCY_CODES } from "@/lib/ramp/catalog";
import {
  ACCOUNT_ACCESS,
  SCOPE_IDS,
  SEND_LIMIT_PERIODS,
  SEND_SCOPE,
  type AccountAccess,
  type SendLimitPeriod,
} from "@/lib/oauth/scopes";
import { errorCallbackUrl } from "./callback-url";
import type { AuthorizeRequest, SendLimit } from "./types";

export type AuthorizeCheck =
  | { kind: "valid"; request: AuthorizeRequest }
  /** The client cannot be trusted with a redirect: show the error instead. */
  | { kind: "fatal"; title: string; message: string }
  | { kind: "redirect"; location: string };

class Refusal {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {}
}

/** Checks `GET /oauth2/auth` as login.coinbase.com does (Connect docs), plus PKCE S256 always. */
export function checkAuthorizeRequest(params: URLSearchParams): AuthorizeCheck {
  const { clientId, redirectUri } = getConfig().oauth;
  if (params.getAll("client_id").length !== 1 || params.get("client_id") !== clientId) {
    return {
      kind: "fatal",
      title: "Unknown application",
      message: "client_id does not name an application registered here.",
    };
  }
  // Exact string match: no prefix, no normalising, so no path or query can be slipped in.
  if (params.getAll("redirect_uri").length !== 1 || params.get("redirect_uri") !== redirectUri) {
    return {
      kind: "fatal",
      title: "Redirect URI not registered",
      message:
        "redirect_uri must exactly match the URI registered for this application, so this page does not send you back to it.",
    };
  }
  const state =
    params.getAll("state").length === 1 ? (params.get("state") ?? undefined) : undefined;
  try {
    const request = validate(params, clientId, redirectUri);
    return { kind: "valid", request };
  } catch (refusal) {
    if (!(refusal instanceof Refusal)) throw refusal;
    return {
      kind: "redirect",
      location: errorCallbackUrl(redirectUri, refusal.error, refusal.description, state),
    };
  }
}

function validate(
  params: URLSearchParams,
  clientId: string,
  redirectUri: string,
): AuthorizeRequest {
  const repeated = [...new Set(params.keys())].find((name) => params.getAll(name).length > 1);
  if (repeated) throw new Refusal("invalid_request", `${repeated} must not be repeated`);
  if (params.get("response_type") !== "code") {
    throw new Refusal("unsupported_response_type", "response_type must be code");
  }
  const scopes = parseScopes(params.get("scope") ?? "");
  const state = params.get("state") ?? "";
  if (state.length < 8) throw new Refusal("invalid_request", "state must be at least 8 characters");
  // Coinbase would fall back to `plain`; this sandbox insists on S256, as RFC 9700 advises.
  if (params.get("code_challenge_method") !== "S256") {
    throw new Refusal("invalid_request", "code_challenge_method must be S256");
  }
  const codeChallenge = params.get("code_challenge") ?? "";
  if (!/^[A-Za-z0-9_-]{43}$/.test(codeChallenge)) {
    throw new Refusal(
      "invalid_request",
      "code_challenge must be the base64url SHA-256 of the code_verifier (43 characters)",
    );
  }
  const account = (params.get("account") || "select") as AccountAccess;
  if (!ACCOUNT_ACCESS.some((a) => a.id === account)) {
    throw new Refusal("invalid_request", "account must be select, new or all");
  }
  const accountCurrencies = parseCurrencies(params.get("account_currency") ?? "", account);
  const sendLimit = scopes.includes(SEND_SCOPE) ? parseSendLimit(params) : undefined;
  return {
    clientId,
    redirectUri,
    state,
    scopes,
    codeChallenge,
    account,
    accountCurrencies,
    sendLimit,
  };
}

// Coinbase documents commas, not OAuth's usual spaces: an app sending spaces must see it fail here.
function parseScopes(raw: string): string[] {
  if (/\s/.test(raw.trim()))
    throw new Refusal("invalid_scope", "scope is a comma-separated list, without spaces");
  const scopes = [...new Set(raw.split(",").filter(Boolean))];
  if (scopes.length === 0) throw new Refusal("invalid_scope", "scope must name at least one scope");
  const unknown = scopes.find((s) => !SCOPE_IDS.includes(s));
  if (unknown) throw new Refusal("invalid_scope", `Unknown scope: ${unknown.slice(0, 60)}`);
  return scopes;
}

function parseCurrencies(raw: string, account: AccountAccess): string[] {
  const codes = raw
    .split(",")
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  if (codes.length === 0) return [];
  if (account !== "select") {
    throw new Refusal("invalid_request", "account_currency applies only to account=select");
  }
  if (!codes.every((c) => /^[A-Z0-9]{2,10}$/.test(c))) {
    throw new Refusal(
      "invalid_request",
      "account_currency must list currency codes such as BTC,ETH",
    );
  }
  return codes;
}

function parseSendLimit(params: URLSearchParams): SendLimit {
  const amount = params.get("meta[send_limit_amount]") ?? "";
  // Coinbase's own wording for this refusal (Connect docs).
  if (!/^\d+(\.\d+)?$/.test(amount) || Number(amount) <= 0) {
    throw new Refusal("invalid_request", "Invalid amount for meta[send_limit_amount]");
  }
  // Only a currency the sandbox can value sends in: any other limit would go unenforced.
  const currency = (params.get("meta[send_limit_currency]") ?? "").toUpperCase();
  if (!(FIAT_CURRENCY_CODES as readonly string[]).includes(currency)) {
    throw new Refusal("invalid_request", "Invalid currency for meta[send_limit_currency]");
  }
  const period = (params.get("meta[send_limit_period]") || "month") as SendLimitPeriod;
  if (!SEND_LIMIT_PERIODS.includes(period)) {
    throw new Refusal("invalid_request", "Invalid period for meta[send_limit_period]");
  }
  return { amount, currency, period };
}
