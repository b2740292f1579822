/**
 * Where /oauth/refresh sends the user back. /account renews its session there, and so does
 * /connect (`?from=connect`), which must know whether a session still holds before it calls
 * it a connection to keep. Only these two pages: the route never redirects to a URL it was
 * given.
 */
export interface RenewalReturn {
  /** Renewed: back to the page, marked so that it does not renew again on this visit. */
  renewed: (mark: string) => string;
  /** Coinbase refused the refresh token: the session has ended, its cookie cleared. */
  ended: string;
}

const FROM_ACCOUNT: RenewalReturn = {
  renewed: (mark) => `/account?refreshed=${mark}`,
  ended: "/oauth/result?failure=session_ended",
};

// /connect says itself that the session ended: its form is the way on.
const FROM_CONNECT: RenewalReturn = {
  renewed: (mark) => `/connect?refreshed=${mark}`,
  ended: "/connect?ended=1",
};

/** Where /connect sends a session to be renewed. */
export const RENEW_FROM_CONNECT = "/oauth/refresh?from=connect";

export function renewalReturn(from: string | null): RenewalReturn {
  return from === "connect" ? FROM_CONNECT : FROM_ACCOUNT;
}
