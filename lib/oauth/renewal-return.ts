/**
 * Where /oauth/refresh sends the user back. /account renews its session there, and so does
 * /connect (`?from=connect`), which must know whether a session still holds before it calls
 * it a connection to keep. Only these two pages: the route never redirects to a URL it was
 * given. A renewal that goes by /oauth/result (a confirmation; from /connect, a failure that
 * ended nothing too) carries `from` there, so that its buttons lead back to the page it began on.
 */
export interface RenewalReturn {
  /** Renewed: back to the page, marked so that it does not renew again on this visit. */
  renewed: (mark: string) => string;
  /** Coinbase refused the refresh token: the session has ended, its cookie cleared. */
  ended: string;
  /** /oauth/result for a renewal to confirm, or one that failed and ended nothing. */
  result: (failure: string) => string;
  /**
   * A renewal that failed and ended nothing (Coinbase or the shared store unreachable): the
   * page that says so. /account says it in its Connect part, marked (`mark`) so that it does
   * not renew again on this visit: its history, which needs neither, stays in reach.
   */
  unavailable: (failure: RenewalFailure, mark: string) => string;
  /** The renewal itself: what the confirmation's button posts to. */
  renew: string;
  /** Where "Try again" goes after a failure that ended nothing: the page renews again. */
  retry: string;
}

/** A renewal that failed and ended nothing, and what the user is told of it. */
export const RENEWAL_FAILURES = {
  refresh_unavailable: {
    title: "Coinbase could not renew your session just now",
    text: "You are still connected. Try again in a moment.",
  },
  refresh_store_unavailable: {
    title: "Your session could not be renewed just now",
    text: "This app could not reach its shared store. You are still connected: please try again shortly.",
  },
  // The database down, or a fault of ours: not Coinbase's doing, so not said to be.
  refresh_failed_here: {
    title: "Your session could not be renewed just now",
    text: "The problem was on this app's side, not Coinbase's. You are still connected: please try again shortly.",
  },
};
export type RenewalFailure = keyof typeof RENEWAL_FAILURES;

export function isRenewalFailure(value: unknown): value is RenewalFailure {
  return typeof value === "string" && Object.hasOwn(RENEWAL_FAILURES, value);
}

/**
 * Back to /account, on the page of its history it was showing (`after`: "Older" pressed on a
 * page open past the token's life), or to its first.
 */
function fromAccount(after: string | undefined): RenewalReturn {
  const page = after ? `&after=${after}#history-title` : "";
  return {
    renewed: (mark) => `/account?refreshed=${mark}${page}`,
    ended: "/oauth/result?failure=session_ended",
    result: (failure) => `/oauth/result?failure=${failure}`,
    unavailable: (failure, mark) => `/account?refreshed=${mark}&renewal=${failure}${page}`,
    renew: "/oauth/refresh",
    retry: after ? `/account?after=${after}#history-title` : "/account",
  };
}

/** Where /account sends a session to be renewed, with the page of its history it shows. */
export const renewFromAccount = (after: string | undefined) =>
  after ? `/oauth/refresh?after=${after}` : "/oauth/refresh";

/** Where /connect sends a session to be renewed. */
export const RENEW_FROM_CONNECT = "/oauth/refresh?from=connect";

// /connect says itself that the session ended: its form is the way on.
const FROM_CONNECT: RenewalReturn = {
  renewed: (mark) => `/connect?refreshed=${mark}`,
  ended: "/connect?ended=1",
  result: (failure) => `/oauth/result?failure=${failure}&from=connect`,
  unavailable: (failure) => `/oauth/result?failure=${failure}&from=connect`,
  renew: RENEW_FROM_CONNECT,
  retry: "/connect",
};

/** `after`: a history page's row id, checked (idInQuery) by the caller. */
export function renewalReturn(from: string | null | undefined, after?: string): RenewalReturn {
  return from === "connect" ? FROM_CONNECT : fromAccount(after);
}
