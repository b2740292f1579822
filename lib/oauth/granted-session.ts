import "server-only";
import { log } from "@/lib/log/logger";
import { getAuthInfo } from "./coinbase-api";
import type { GrantedSendLimit, OAuthSession } from "./session-cookie";
import { exchangeCode } from "./token-client";

/**
 * Trades the code, then reads what the user actually granted (`/v2/user/auth`): the
 * consent page lets them change what was asked for, and every decision here goes by the
 * grant (its send limit too, kept for "Ask for more permissions"). Should that read fail, the
 * token answer's scopes stand in, and no limit; /account reads the grant again on every visit.
 */
export async function exchangeForGrant(
  code: string,
  verifier: string,
  requestedScopes: string[],
): Promise<OAuthSession> {
  const session = await exchangeCode(code, verifier, requestedScopes);
  try {
    const { scopes, oauthMeta } = await getAuthInfo(session.accessToken);
    const limit = {
      amount: oauthMeta.send_limit_amount,
      currency: oauthMeta.send_limit_currency,
      period: oauthMeta.send_limit_period,
    };
    const sendLimit = limit.amount && limit.currency && limit.period ? limit : undefined;
    return {
      ...session,
      scopes,
      ...(sendLimit ? { sendLimit: sendLimit as GrantedSendLimit } : {}),
    };
  } catch {
    log("warn", "oauth_grant_not_read");
    return session;
  }
}
