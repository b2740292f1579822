import "server-only";
import { isAppError } from "@/lib/http/app-error";
import { expiredSessionView } from "./account-view";
import { getAuthInfo } from "./coinbase-api";
import type { OAuthSession } from "./session-cookie";

/** What a Coinbase session that has ended reads as, on /account and /connect alike. */
export const SESSION_ENDED = {
  title: "Please connect again",
  text: "Your Coinbase session has ended.",
  /** The one way on: a new connection, from /connect. */
  action: "Connect again",
};

/**
 * Where a session stands for /connect: still good, to be renewed with its refresh token
 * (through /oauth/refresh, the one place that may set its cookie), or ended.
 */
export type SessionStanding = "live" | "renew" | "ended";

/**
 * Whether this session still holds, found as /account finds it, with at most one call to
 * Coinbase (`/v2/user/auth`). An access token past its time, or one Coinbase refuses (the
 * grant revoked at Coinbase, or by a Disconnect elsewhere), is renewed when there is a
 * refresh token: Coinbase refusing that too ends the session and clears its cookie. Without
 * a refresh token, or just renewed (never twice a visit: no loops), the session has ended.
 * An outage says nothing about the grant.
 */
export async function sessionStanding(
  session: OAuthSession,
  justRefreshed: boolean,
  readGrant: (accessToken: string) => Promise<unknown> = getAuthInfo,
): Promise<SessionStanding> {
  const expired = expiredSessionView(session, justRefreshed);
  if (expired) return expired.kind === "refresh" ? "renew" : "ended";
  try {
    await readGrant(session.accessToken);
    return "live";
  } catch (error) {
    if (!isAppError(error) || error.code !== "not_connected") return "live";
    return session.refreshToken && !justRefreshed ? "renew" : "ended";
  }
}
