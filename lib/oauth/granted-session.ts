import "server-only";
import { log } from "@/lib/log/logger";
import { getAuthInfo } from "./coinbase-api";
import type { OAuthSession } from "./session-cookie";
import { exchangeCode } from "./token-client";

/**
 * Trades the code, then reads what the user actually granted (`/v2/user/auth`): the
 * consent page lets them change what was asked for, and every decision here goes by the
 * grant. Should that read fail, the token answer's scopes stand in; /account reads the
 * grant again on every visit.
 */
export async function exchangeForGrant(
  code: string,
  verifier: string,
  requestedScopes: string[],
): Promise<OAuthSession> {
  const session = await exchangeCode(code, verifier, requestedScopes);
  try {
    const { scopes } = await getAuthInfo(session.accessToken);
    return { ...session, scopes };
  } catch {
    log("warn", "oauth_grant_not_read");
    return session;
  }
}
