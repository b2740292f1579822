import "server-only";
import { isAppError } from "@/lib/http/app-error";
import { getAuthInfo } from "./coinbase-api";
import { needsRefresh, type OAuthSession } from "./session-cookie";

/** What a Coinbase session that has ended reads as, on /account and /connect alike. */
export const SESSION_ENDED = {
  title: "Please connect again",
  text: "Your Coinbase session has ended.",
  /** The one way on: a new connection, from /connect. */
  action: "Connect again",
};

/**
 * Whether this session has ended for good, as /account finds it: without a refresh token,
 * once its access token has expired or Coinbase refuses it (the grant revoked, at Coinbase or
 * by a Disconnect elsewhere), while its cookie lives on until the token's time is up. One
 * with a refresh token has not, as far as a page can tell: /account renews it, or ends it
 * (and clears its cookie) when Coinbase refuses. An outage says nothing about the grant.
 */
export async function sessionHasEnded(session: OAuthSession): Promise<boolean> {
  if (session.refreshToken) return false;
  if (needsRefresh(session)) return true;
  try {
    await getAuthInfo(session.accessToken);
    return false;
  } catch (error) {
    return isAppError(error) && error.code === "not_connected";
  }
}
