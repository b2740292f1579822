import "server-only";
import { log } from "@/lib/log/logger";
import { getAuthInfo, type CoinbaseAuthInfo } from "./coinbase-api";
import { grantedLimit } from "./send-budget";
import type { SendLimit } from "./send-limit";
import type { OAuthSession } from "./session-cookie";
import { SEND_SCOPE } from "./scopes";
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
    const auth = await getAuthInfo(session.accessToken);
    return { ...session, scopes: auth.scopes, ...limitOf(auth) };
  } catch {
    log("warn", "oauth_grant_not_read");
    return session;
  }
}

/**
 * The session with its grant's send limit, read from Coinbase when the session has the send
 * scope but no limit sealed in it (one sealed before limits were, or whose callback could not
 * read the grant). Unchanged when Coinbase cannot be read now: the form then starts blank.
 */
export async function withSendLimit(session: OAuthSession): Promise<OAuthSession> {
  if (session.sendLimit || !session.scopes.includes(SEND_SCOPE)) return session;
  try {
    return { ...session, ...limitOf(await getAuthInfo(session.accessToken)) };
  } catch {
    return session;
  }
}

/** The grant's send limit, as the session keeps it (none when the grant has none). */
function limitOf(auth: CoinbaseAuthInfo): { sendLimit?: SendLimit } {
  const sendLimit = grantedLimit(auth);
  return sendLimit ? { sendLimit } : {};
}
