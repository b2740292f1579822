import "server-only";
import { isAppError } from "@/lib/http/app-error";
import { statesMatch, type PendingAuthorization } from "./state-cookie";
import type { OAuthSession } from "./session-cookie";
import { exchangeCode } from "./token-client";

/** Carries Coinbase's error description to /oauth/result for one minute. */
export const RESULT_DETAIL_COOKIE = "cb_oauth_detail";

/** Why a callback did not sign the user in; each has its own page in /oauth/result. */
export type CallbackFailure =
  | "declined"
  | "coinbase_error"
  | "state_missing"
  | "state_mismatch"
  | "code_missing"
  | "exchange_failed";

export type CallbackResult =
  { ok: true; session: OAuthSession } | { ok: false; failure: CallbackFailure; detail?: string };

/**
 * Checks the callback against the sealed pending authorization, then trades the code.
 * The state is checked first, for errors too: only a flow this browser started counts.
 */
export async function completeAuthorization(
  params: URLSearchParams,
  pending: PendingAuthorization | null,
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
    return { ok: true, session: await exchangeCode(code, pending.verifier, pending.scopes) };
  } catch (e) {
    return {
      ok: false,
      failure: "exchange_failed",
      detail: isAppError(e) ? e.message : undefined,
    };
  }
}
