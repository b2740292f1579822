import "server-only";

/** Copies the Set-Cookie headers a library produced (better-auth's session) onto our answer. */
export function withSetCookies<R extends Response>(response: R, from: Headers): R {
  for (const cookie of from.getSetCookie()) response.headers.append("set-cookie", cookie);
  return response;
}
