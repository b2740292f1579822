import "server-only";
import type { NextRequest, NextResponse } from "next/server";
import { newAnonymousRef, readUserRef, userRefCookie, userRefCookieName } from "./user-ref";

/**
 * The reference a mint uses: the caller's own when the body has one (a partner's
 * server, which authenticates its users), else this browser's, assigned on first use.
 * `remember` puts a newly assigned one in the signed cookie on the response.
 */
export function resolveUserRef(request: NextRequest, fromBody: string | undefined) {
  if (fromBody) return { ref: fromBody, remember: () => {} };
  const existing = readUserRef(request.cookies.get(userRefCookieName())?.value);
  const ref = existing ?? newAnonymousRef();
  return {
    ref,
    remember: (response: NextResponse) => {
      if (existing) return; // the browser already holds this reference
      const cookie = userRefCookie(ref);
      response.cookies.set(cookie.name, cookie.value, cookie.options);
    },
  };
}
