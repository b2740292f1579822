import "server-only";
import { cookies, headers } from "next/headers";
import { AppError, isAppError } from "@/lib/http/app-error";
import { cookieOptions } from "@/lib/security/sealed-cookie";
import { refreshOnce } from "./refresh";
import {
  needsRefresh,
  sealSession,
  sessionCookieName,
  unsealSession,
  type OAuthSession,
} from "./session-cookie";
import { ownSession, signedInUserId } from "./session-owner";
import { endsSession, replacedHere, sessionEnded } from "./token-client";

/**
 * The JSON routes /account calls after it has rendered (a send, a send's status) run with
 * the access token it rendered with. A page left open past the token's lifetime must still
 * send, not tell the user to connect again: so the token is renewed once with the refresh
 * token when it has expired, by its clock before the call or by the 401 Coinbase answers
 * (`not_connected`), and the call is made again. Repeating it is safe: a 401 means Coinbase
 * did nothing, and a send carries its `idem`.
 */
export async function callWithFreshToken<T>(
  session: OAuthSession,
  call: (accessToken: string) => Promise<T>,
  deps: { renew?: typeof refreshOnce; keep: (renewed: OAuthSession) => Promise<void> },
): Promise<T> {
  const renew = async () => {
    const renewed = await (deps.renew ?? refreshOnce)(session).catch((error: unknown) => {
      // Coinbase refused the refresh token: only connecting again helps. (Replaced: as is.)
      throw endsSession(error) && !replacedHere(error) ? sessionEnded() : error;
    });
    await deps.keep(renewed);
    return renewed;
  };
  if (!session.refreshToken) return call(session.accessToken);
  if (needsRefresh(session)) return call((await renew()).accessToken);
  try {
    return await call(session.accessToken);
  } catch (error) {
    if (!isAppError(error) || error.code !== "not_connected") throw error;
    return call((await renew()).accessToken);
  }
}

/**
 * The Coinbase session of this request, from its cookie: 401 `not_connected` without one,
 * or with one another app user connected (session-owner.ts); 401 `sign_in_required` with one
 * an app user connected, to a request signed out. Routes ask first, before reading a body, as
 * the ramp routes ask who the caller is.
 */
export async function connectedSession(): Promise<OAuthSession> {
  const inCookie = await unsealSession((await cookies()).get(sessionCookieName())?.value);
  const viewer = signedInUserId(await headers());
  const session = await ownSession(inCookie, viewer);
  if (session) return session;
  // Connected by an app user whose sign-in has since ended (a page left open): they sign in
  // again. Told to connect instead, they would revoke their own grant and leave one no one owns.
  if (inCookie?.userId && (await viewer()) === null)
    throw new AppError(
      "sign_in_required",
      "Sign in again to use your Coinbase account: it was connected while you were signed in",
    );
  throw sessionEnded();
}

/**
 * `callWithFreshToken` for this request's session (from `connectedSession`); a renewed pair
 * goes back into the cookie. A session that has ended loses its cookie, with or without a
 * refresh token: left, one without would read as connected until its token's time was up.
 */
export async function withAccessToken<T>(
  session: OAuthSession,
  call: (accessToken: string) => Promise<T>,
): Promise<T> {
  const jar = await cookies();
  try {
    return await callWithFreshToken(session, call, {
      keep: async (renewed) => {
        const cookie = await sealSession(renewed);
        jar.set(cookie.name, cookie.value, cookie.options);
      },
    });
  } catch (error) {
    if (isAppError(error) && error.code === "not_connected" && !replacedHere(error)) {
      jar.set(sessionCookieName(), "", cookieOptions(0));
    }
    throw error;
  }
}
