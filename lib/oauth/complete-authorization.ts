import "server-only";
import { isAppError } from "@/lib/http/app-error";
import { asAppError } from "@/lib/http/error-response";
import { isStoreUnavailable } from "@/lib/store/store-unavailable";
import type { SharedStore } from "@/lib/store/shared-store";
import { statesMatch, type PendingAuthorization } from "./state-cookie";
import type { OAuthSession } from "./session-cookie";
import { exchangeForGrant } from "./granted-session";
import { consumeState } from "./used-states";

/** Why a callback did not sign the user in; each has its own page in /oauth/result. */
export type CallbackFailure =
  | "declined"
  | "coinbase_error"
  | "state_missing"
  | "state_mismatch"
  | "code_missing"
  | "exchange_failed"
  | "store_unavailable";

export type CallbackResult =
  { ok: true; session: OAuthSession } | { ok: false; failure: CallbackFailure; detail?: string };

/**
 * The whole callback. The state is compared first and spent only when it matches: a junk
 * callback (another site's link) must not use up the state of the user's real sign-in.
 * A matching state is good for one callback, even if the browser kept or replayed the
 * cookie. When the shared store cannot say whether it was spent before, the callback
 * fails as `store_unavailable` rather than risk a replay.
 */
export async function finishCallback(
  params: URLSearchParams,
  pending: PendingAuthorization | null,
  store?: SharedStore,
  exchange: typeof exchangeForGrant = exchangeForGrant,
): Promise<CallbackResult> {
  if (!pending) return { ok: false, failure: "state_missing" };
  if (!statesMatch(pending.state, params.get("state") ?? "")) {
    return { ok: false, failure: "state_mismatch" };
  }
  let fresh: PendingAuthorization | null;
  try {
    fresh = (await consumeState(pending.state, store)) ? pending : null;
  } catch (error) {
    if (isStoreUnavailable(error)) return { ok: false, failure: "store_unavailable" };
    throw error;
  }
  return completeAuthorization(params, fresh, exchange);
}

/**
 * Checks the callback against the sealed pending authorization, then trades the code.
 * The state is checked first, for errors too: only a flow this browser started counts.
 */
export async function completeAuthorization(
  params: URLSearchParams,
  pending: PendingAuthorization | null,
  exchange: typeof exchangeForGrant = exchangeForGrant,
): Promise<CallbackResult> {
  if (!pending) return { ok: false, failure: "state_missing" };
  const state = params.get("state") ?? "";
  if (!statesMatch(pending.state, state)) return { ok: false, failure: "state_mismatch" };
  const error = params.get("error");
  if (error === "access_denied") return { ok: false, failure: "declined" };
  if (error) {
    const description = params.get("error_description") ?? error;
    return { ok: false, failure: "coinbase_error", detail: description.slice(0, 200) };
  }
  const code = params.get("code");
  if (!code) return { ok: false, failure: "code_missing" };
  try {
    const session = await exchange(code, pending.verifier, pending.scopes);
    // As asked: Coinbase's consent page lets the user pick accounts, never another access mode.
    const access = {
      ...(pending.account ? { accountAccess: pending.account } : {}),
      ...(pending.accountCurrency ? { accountCurrency: pending.accountCurrency } : {}),
    };
    return { ok: true, session: { ...session, ...access } };
  } catch (e) {
    // Anything but an answer of Coinbase's (a fault of ours) is logged, as handle() would.
    if (!isAppError(e)) asAppError(e);
    return {
      ok: false,
      failure: "exchange_failed",
      detail: isAppError(e) ? e.message : undefined,
    };
  }
}
