import "server-only";
import { getSignedInUser } from "@/lib/auth/current-user";
import type { OAuthSession } from "./session-cookie";

/**
 * Whose Coinbase session this is. Connected while signed in to the app, it belongs to that
 * user only: on a shared browser, whoever signs in next does not see their Coinbase
 * account or send from it, nor does anyone once they have signed out or their sign-in has
 * expired (the cookie outlives both). Connected without signing in, it belongs to the
 * browser, as the app has no one else to tie it to.
 *
 * `viewerId` is the signed-in app user's id, or null; it is asked only when it matters.
 */
export async function ownSession(
  session: OAuthSession | null,
  viewerId: () => Promise<string | null>,
): Promise<OAuthSession | null> {
  if (!session?.userId) return session;
  return session.userId === (await viewerId()) ? session : null;
}

/** `ownSession`'s viewer for a request: the id of the app user its cookie signs in, if any. */
export function signedInUserId(headers: Headers): () => Promise<string | null> {
  return async () => (await getSignedInUser(headers))?.id ?? null;
}
