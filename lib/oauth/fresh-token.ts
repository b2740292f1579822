import "server-only";
import { cookies } from "next/headers";
import { isAppError } from "@/lib/http/app-error";
import { cookieOptions } from "@/lib/security/sealed-cookie";
import { refreshOnce } from "./refresh";
import {
  needsRefresh,
  sealSession,
  sessionCookieName,
  unsealSession,
  type OAuthSession,
} from "./session-cookie";
import { endsSession, sessionEnded } from "./token-client";

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
      // Coinbase refused the refresh token: only connecting again helps.
      throw endsSession(error) ? sessionEnded() : error;
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
 * `callWithFreshToken` for the signed-in user of this request, from the session cookie;
 * a renewed pair goes back into it (or the cookie is cleared when the session has ended).
 */
export async function withAccessToken<T>(call: (accessToken: string) => Promise<T>): Promise<T> {
  const jar = await cookies();
  const session = await unsealSession(jar.get(sessionCookieName())?.value);
  if (!session) throw sessionEnded();
  try {
    return await callWithFreshToken(session, call, {
      keep: async (renewed) => {
        const cookie = await sealSession(renewed);
        jar.set(cookie.name, cookie.value, cookie.options);
      },
    });
  } catch (error) {
    if (isAppError(error) && error.code === "not_connected" && session.refreshToken) {
      jar.set(sessionCookieName(), "", cookieOptions(0));
    }
    throw error;
  }
}
