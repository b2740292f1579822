import "server-only";
import { isAppError } from "@/lib/http/app-error";
import { askForMoreHref } from "./ask-for-more";
import {
  getAuthInfo,
  getUser,
  listAccounts,
  type CoinbaseAccount,
  type CoinbaseAuthInfo,
  type CoinbaseUser,
} from "./coinbase-api";
import { needsRefresh, type OAuthSession } from "./session-cookie";
import { SEND_SCOPE } from "./scopes";
import { loadSendView, type SendView } from "./send-view";

export type AccountView =
  | {
      kind: "ready";
      user?: CoinbaseUser;
      auth: CoinbaseAuthInfo;
      accounts?: CoinbaseAccount[];
      /** Present when the grant lets the app send. */
      send?: SendView;
      notes: string[];
    }
  | { kind: "refresh" }
  /** The session has ended: the user connects again (session-ended.ts has the words). */
  | { kind: "reconnect" }
  /** `askForMore`: where to grant a scope Coinbase said is missing (a 403), when it did. */
  | { kind: "error"; message: string; askForMore?: string };

/**
 * Known before any call to Coinbase: an access token past its time is renewed (once a
 * visit: after one refresh, never another, so no redirect loops), or without a refresh
 * token the user connects again. Null: the token is still good, as far as the app knows.
 */
export function expiredSessionView(
  session: OAuthSession,
  justRefreshed: boolean,
): AccountView | null {
  if (!needsRefresh(session) || justRefreshed) return null;
  return session.refreshToken ? { kind: "refresh" } : { kind: "reconnect" };
}

/**
 * What /account shows. The user and the accounts are read only when their scope was
 * granted, so a least-privilege grant still gets a page, not an error.
 */
export async function loadAccountView(
  session: OAuthSession,
  justRefreshed = false,
): Promise<AccountView> {
  const expired = expiredSessionView(session, justRefreshed);
  if (expired) return expired;
  // After one refresh, never ask for another in the same visit: no redirect loops.
  const canRefresh = Boolean(session.refreshToken) && !justRefreshed;
  try {
    const auth = await getAuthInfo(session.accessToken);
    const notes: string[] = [];
    const [user, accounts] = await Promise.all([
      auth.scopes.includes("wallet:user:read") ? getUser(session.accessToken) : undefined,
      auth.scopes.includes("wallet:accounts:read") ? listAccounts(session.accessToken) : undefined,
    ]);
    if (!user) notes.push("Your profile is hidden: the app was not given wallet:user:read.");
    if (!accounts)
      notes.push("Your balances are hidden: the app was not given wallet:accounts:read.");
    // Sending is from one of the accounts: without them, no send form, and the user is told why.
    if (!accounts && auth.scopes.includes(SEND_SCOPE))
      notes.push(
        "You cannot send from here: sending needs wallet:accounts:read too, to choose the account it is from.",
      );
    const send = accounts && (await loadSendView(session.accessToken, auth, accounts));
    return { kind: "ready", user, auth, accounts, send, notes };
  } catch (error) {
    if (isAppError(error) && error.code === "not_connected") {
      return canRefresh ? { kind: "refresh" } : { kind: "reconnect" };
    }
    if (!isAppError(error))
      return { kind: "error", message: "Something went wrong loading your account." };
    // The message says to ask for more permissions: the way to, from the grant as sealed.
    const missing = error.code === "insufficient_scope";
    return {
      kind: "error",
      message: error.message,
      ...(missing ? { askForMore: askForMoreHref(session.scopes) } : {}),
    };
  }
}
