import "server-only";
import { cookies, headers } from "next/headers";
import { after } from "next/server";
import { clearingCookie } from "@/lib/security/sealed-cookie";
import { sessionCookieName, unsealSession, type OAuthSession } from "./session-cookie";
import { ownSession, signedInUserId } from "./session-owner";
import { log } from "@/lib/log/logger";
import { isStoreUnavailable } from "@/lib/store/store-unavailable";
import { endRefreshes, type EndedBecause } from "./refresh";
import { revokeToken } from "./token-client";
import { getStore } from "@/lib/store/get-store";
import type { SharedStore } from "@/lib/store/shared-store";

/**
 * Signing out of the app ends this browser's Coinbase connection too, when it is the user's own or
 * was connected without signing in: the grant is revoked at Coinbase (best effort, as Disconnect:
 * it is forgotten here either way) and the cookie cleared. Another app user's (a shared browser
 * where they did not sign out) is left as it is, theirs to use when they sign in again or to end.
 * Call it before the app session ends: its owner is checked against the signed-in user. It answers
 * with `end`, to call once the app session has ended, so that a sign-out the database refuses (a
 * 503 to retry) leaves the grant alive, not revoked at Coinbase behind a session still signed in.
 * (A sign-in with Coinbase still under way is left: only the user who started it can finish it,
 * `pendingFor` in state-cookie.ts.) `revoked` is false when a grant was forgotten here but Coinbase
 * could not be told: it may still be alive there, and the user should remove the app in their
 * Coinbase settings. `setCookies` clears the cookie, for the route to copy onto its answer beside
 * better-auth's (through Next's cookie jar, theirs lost their Max-Age=0 and lingered, emptied,
 * until the browser closed).
 */
export async function coinbaseSessionToEnd(): Promise<{
  end: () => Promise<{ revoked: boolean; setCookies: Headers }>;
}> {
  const jar = await cookies();
  const setCookies = new Headers();
  const sealed = jar.get(sessionCookieName())?.value;
  if (sealed === undefined) return { end: async () => ({ revoked: true, setCookies }) };
  const session = await unsealSession(sealed);
  const own = await ownSession(session, signedInUserId(await headers()));
  return {
    end: async () => {
      const revoked = own ? await revokeGrant(own) : true;
      if (own || !session) setCookies.append("set-cookie", clearingCookie(sessionCookieName()));
      return { revoked, setCookies };
    },
  };
}

/**
 * Revokes the session's grant at Coinbase (sign-out, Disconnect, a connection replaced), and
 * the grant a refresh of it under way, in another tab or instance, would bring back: Coinbase
 * need not end that one with the spent refresh token (RFC 7009), and the refresh would set it
 * in the cookie again. Refreshes are ended first: one starting now must not spend the token
 * before it is revoked. False when Coinbase could not be told: a grant may still be alive.
 */
export async function revokeGrant(
  session: OAuthSession,
  store: SharedStore = getStore(),
  why: EndedBecause = "ended",
): Promise<boolean> {
  const renewedRevoked = await endRefreshing(session, store, why);
  return (await revokeToken(session)) && renewedRevoked;
}

/**
 * Ends a refresh of the session under way (lib/oauth/refresh.ts), so that it cannot set the
 * cookie again with a fresh grant. The store down, no refresh can run either: revoking goes on.
 */
async function endRefreshing(
  session: OAuthSession,
  store: SharedStore,
  why: EndedBecause,
): Promise<boolean> {
  try {
    return await endRefreshes(session, store, why);
  } catch (error) {
    if (!isStoreUnavailable(error)) throw error;
    log("warn", "oauth_sign_out_refresh_unmarked");
    return true;
  }
}

/**
 * A new connection takes the place of this browser's earlier one ("Ask for more
 * permissions", connecting again, or another app user connecting on a shared browser): the
 * earlier grant is revoked at Coinbase, whoever's it was. Its cookie is overwritten, so no
 * one could use or end it from this app again; left alive, its tokens would only wait at
 * Coinbase for a stolen copy. Revoked after the answer is sent, so a slow Coinbase does not
 * hold up the user's return.
 */
export async function revokeReplacedSession(sealed: string | undefined) {
  const replaced = await unsealSession(sealed);
  if (replaced) after(() => revokeGrant(replaced, getStore(), "replaced"));
}
