import type { FaultMode } from "../support/fault-upstream";

/**
 * What every Coinbase-backed route answers when Coinbase fails in each way
 * tests/support/fault-upstream.mjs can fail: the contract of README's error table and of
 * each route, as tables. error-contract-production-order.spec.ts turns route × fault into tests.
 */

export const MODES = [
  "ok",
  "400",
  "401",
  "403",
  "429",
  "500",
  "503-retry-after",
  "hang",
  "slow-body",
  "malformed",
  "html",
  "empty",
  "no-content",
  "reset",
  "close-connection",
  "refused",
] as const satisfies readonly FaultMode[];
export type Mode = (typeof MODES)[number];

/**
 * Calls one upstream request reaches Coinbase with (lib/http/upstream-fetch.ts): a second
 * attempt after a 502/503 or a connection cut mid-way only where repeating is harmless
 * (minting, reads, revoking), never with a single-use code or refresh token. A refused
 * connection is tried twice under either policy, but neither attempt arrives.
 */
export const CALLS: Record<Mode, { idempotent: number; connectOnly: number }> = {
  ok: { idempotent: 1, connectOnly: 1 },
  "400": { idempotent: 1, connectOnly: 1 },
  "401": { idempotent: 1, connectOnly: 1 },
  "403": { idempotent: 1, connectOnly: 1 },
  "429": { idempotent: 1, connectOnly: 1 },
  "500": { idempotent: 1, connectOnly: 1 },
  "503-retry-after": { idempotent: 2, connectOnly: 1 },
  hang: { idempotent: 1, connectOnly: 1 },
  "slow-body": { idempotent: 1, connectOnly: 1 },
  malformed: { idempotent: 1, connectOnly: 1 },
  html: { idempotent: 2, connectOnly: 1 }, // a proxy's 502 page
  empty: { idempotent: 1, connectOnly: 1 },
  "no-content": { idempotent: 1, connectOnly: 1 },
  reset: { idempotent: 2, connectOnly: 1 },
  "close-connection": { idempotent: 2, connectOnly: 1 },
  refused: { idempotent: 0, connectOnly: 0 },
};

export interface JsonAnswer {
  status: number;
  /** The error envelope's code; none for a success. */
  code?: string;
  retryAfter?: string;
}

/** A JSON route whose CDP call meets each fault (README: the error codes). */
export const CDP_ANSWER: Record<Mode, JsonAnswer> = {
  ok: { status: 200 },
  "400": { status: 400, code: "upstream_rejected" },
  "401": { status: 502, code: "upstream_auth" },
  "403": { status: 502, code: "upstream_auth" },
  "429": { status: 503, code: "upstream_busy", retryAfter: "7" },
  "500": { status: 502, code: "upstream_error" },
  "503-retry-after": { status: 502, code: "upstream_error" },
  hang: { status: 504, code: "upstream_timeout" },
  "slow-body": { status: 504, code: "upstream_timeout" },
  malformed: { status: 502, code: "upstream_error" },
  html: { status: 502, code: "upstream_error" },
  empty: { status: 502, code: "upstream_error" },
  "no-content": { status: 502, code: "upstream_error" },
  reset: { status: 502, code: "upstream_error" },
  "close-connection": { status: 502, code: "upstream_error" },
  refused: { status: 502, code: "upstream_error" },
};

/**
 * A guest checkout route (Coinbase's v2 onramp API, lib/cdp/platform-errors.ts): v2 bodies
 * (`{errorType, errorMessage, correlationId}`) whose type is no guest error of its own fall
 * back on the status, as CDP's errors do.
 */
export const GUEST_ANSWER: Record<Mode, JsonAnswer> = CDP_ANSWER;

/**
 * Coinbase's documented guest error types, each a 400 of the v2 API, and what the guest
 * routes answer for it (docs/guest-checkout.md); a type it does not document falls back on
 * the status (`upstream_rejected`).
 */
export const GUEST_ERROR_TYPES: Record<string, { status: number; code: string }> = {
  guest_region_forbidden: { status: 403, code: "guest_region_forbidden" },
  guest_permission_denied: { status: 403, code: "guest_permission_denied" },
  guest_transaction_limit: { status: 429, code: "guest_transaction_limit" },
  guest_transaction_count: { status: 429, code: "guest_transaction_count" },
  phone_number_verification_expired: { status: 400, code: "phone_verification_expired" },
  otp_verification_expired: { status: 400, code: "verification_expired" },
  otp_verification_invalid: { status: 400, code: "verification_invalid" },
  otp_verification_required: { status: 400, code: "verification_required" },
  otp_verification_destination_mismatch: { status: 400, code: "verification_mismatch" },
  otp_verification_not_found: { status: 404, code: "verification_not_found" },
  otp_verification_code_invalid: { status: 400, code: "invalid_code" },
  network_not_tradable: { status: 400, code: "network_not_tradable" },
  invalid_request: { status: 400, code: "upstream_rejected" },
};

/**
 * A Connect JSON route reading api.coinbase.com (lib/oauth/coinbase-api.ts): a 401 is the
 * access token gone (connect again), a 403 a scope not granted; any other refusal is
 * Coinbase failing, not the user.
 */
export const API_ANSWER: Record<Mode, JsonAnswer> = {
  ...CDP_ANSWER,
  "400": { status: 502, code: "upstream_error" },
  "401": { status: 401, code: "not_connected" },
  "403": { status: 403, code: "insufficient_scope" },
};

/** `POST /api/oauth/send`: a 201 with the transaction; an unknown 400 keeps Coinbase's words. */
export const SEND_ANSWER: Record<Mode, JsonAnswer> = {
  ...API_ANSWER,
  ok: { status: 201 },
  "400": { status: 400, code: "upstream_rejected" },
};

/**
 * /api/options never fails: Coinbase's answer, its refusal for the region ("unavailable",
 * with its reason), or the static catalog when the options API is out of reach.
 */
export function optionsSource(mode: Mode): "coinbase" | "unavailable" | "catalog" {
  if (mode === "ok") return "coinbase";
  return mode === "400" ? "unavailable" : "catalog";
}

/**
 * The same region asked again once Coinbase is back up: an answer is kept five minutes and a
 * refusal one minute, so neither costs a call; anything else was not kept, so Coinbase is
 * asked again and now answers.
 */
export function optionsAfterwards(mode: Mode): {
  source: "coinbase" | "unavailable";
  calls: number;
} {
  if (mode === "ok") return { source: "coinbase", calls: 0 };
  return mode === "400" ? { source: "unavailable", calls: 0 } : { source: "coinbase", calls: 1 };
}

/** Where the OAuth callback sends the browser: every failed code exchange has one page. */
export function callbackTarget(mode: Mode): string {
  return mode === "ok" ? "/account?connected=1" : "/oauth/result?failure=exchange_failed";
}

/**
 * Where /oauth/refresh ends. Coinbase refusing the grant (400 invalid_grant) ends the session;
 * any other refusal (403, 401 invalid_client: our client's credentials), an outage, garbage or
 * a timeout keep it: the refresh token may still be good, and the user may try again.
 */
export const REFRESH_ENDS: Record<Mode, "renewed" | "session_ended" | "refresh_unavailable"> = {
  ok: "renewed",
  "400": "session_ended",
  "401": "refresh_unavailable",
  "403": "refresh_unavailable",
  "429": "refresh_unavailable",
  "500": "refresh_unavailable",
  "503-retry-after": "refresh_unavailable",
  hang: "refresh_unavailable",
  "slow-body": "refresh_unavailable",
  malformed: "refresh_unavailable",
  html: "refresh_unavailable",
  empty: "refresh_unavailable",
  "no-content": "refresh_unavailable",
  reset: "refresh_unavailable",
  "close-connection": "refresh_unavailable",
  refused: "refresh_unavailable",
};

/**
 * /oauth/disconnect always ends the session here; `disconnected=1` when Coinbase confirmed
 * the revocation (any 2xx, whatever its body), `unconfirmed` otherwise.
 */
export function revoked(mode: Mode): "1" | "unconfirmed" {
  return ["ok", "malformed", "empty", "no-content"].includes(mode) ? "1" : "unconfirmed";
}

/** What /account's Coinbase part says until Coinbase has answered. */
export const ACCOUNT_LOADING = "Loading your Coinbase account…";
const COULD_NOT_LOAD = "Could not load your account";
const UNREACHABLE = "Coinbase could not be reached or answered unexpectedly: try again";

/**
 * What /account shows of Coinbase (its Connect part: heading and text) when its first Coinbase
 * API call (/v2/user/auth) meets each fault, or the page it sends the browser to. A
 * 401 means the access token died: the page renews it, and the renewal meets the fault too.
 */
type AccountPage = { path: string | RegExp; heading: string; text: string };
export const ACCOUNT_PAGE: Record<Mode, AccountPage> = {
  ok: { path: "/account", heading: "Your Coinbase account", text: "Signed in as" },
  "400": { path: "/account", heading: COULD_NOT_LOAD, text: UNREACHABLE },
  // The renewal failed, ending nothing: said on /account, whose history stays in reach.
  "401": {
    path: /^\/account\?refreshed=\d+&renewal=refresh_unavailable$/,
    heading: "Coinbase could not renew your session just now",
    text: "You are still connected",
  },
  "403": {
    path: "/account",
    heading: COULD_NOT_LOAD,
    text: "This app was not given permission for that: ask for more permissions",
  },
  "429": {
    path: "/account",
    heading: COULD_NOT_LOAD,
    text: "Coinbase is rate limiting requests: try again shortly",
  },
  "500": { path: "/account", heading: COULD_NOT_LOAD, text: UNREACHABLE },
  "503-retry-after": { path: "/account", heading: COULD_NOT_LOAD, text: UNREACHABLE },
  hang: {
    path: "/account",
    heading: COULD_NOT_LOAD,
    text: "Coinbase did not answer in time: try again",
  },
  "slow-body": {
    path: "/account",
    heading: COULD_NOT_LOAD,
    text: "Coinbase did not answer in time: try again",
  },
  malformed: { path: "/account", heading: COULD_NOT_LOAD, text: UNREACHABLE },
  html: { path: "/account", heading: COULD_NOT_LOAD, text: UNREACHABLE },
  empty: { path: "/account", heading: COULD_NOT_LOAD, text: UNREACHABLE },
  "no-content": { path: "/account", heading: COULD_NOT_LOAD, text: UNREACHABLE },
  reset: { path: "/account", heading: COULD_NOT_LOAD, text: UNREACHABLE },
  "close-connection": { path: "/account", heading: COULD_NOT_LOAD, text: UNREACHABLE },
  refused: { path: "/account", heading: COULD_NOT_LOAD, text: UNREACHABLE },
};
