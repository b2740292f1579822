import "server-only";
import { getSignedInUser } from "@/lib/auth/current-user";
import { isDatabaseUnavailable } from "@/lib/db/database-errors";
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

/**
 * `ownSession`'s viewer for a request: the id of the app user its cookie signs in, if any.
 * Read once however often it is asked (a refusal asks again which one to give).
 */
export function signedInUserId(
  headers: Headers,
  lookup: typeof getSignedInUser = getSignedInUser,
): () => Promise<string | null> {
  let viewer: Promise<string | null> | undefined;
  return () => (viewer ??= lookup(headers).then((user) => user?.id ?? null));
}

/**
 * `ownSession` for a request that must answer even with the database down (a form's POST,
 * which then lands on a page saying nothing changed): "unknown" when the viewer cannot be read.
 */
export async function ownSessionIfKnown(
  session: OAuthSession | null,
  headers: Headers,
  lookup: typeof getSignedInUser = getSignedInUser,
): Promise<OAuthSession | null | "unknown"> {
  if (!session?.userId) return session;
  const viewer = await connectingUser(headers, lookup);
  return viewer === "unknown" ? "unknown" : ownSession(session, async () => viewer);
}

/**
 * The app user a Connect sign-in is started or finished for: their id, null when no one is
 * signed in, or "unknown" when the database cannot say. Both ends then land on an explained
 * page (`store_unavailable`) instead of a JSON 503 in place of a page.
 */
export async function connectingUser(
  headers: Headers,
  lookup: typeof getSignedInUser = getSignedInUser,
): Promise<string | null | "unknown"> {
  try {
    return (await lookup(headers))?.id ?? null;
  } catch (error) {
    if (isDatabaseUnavailable(error)) return "unknown";
    throw error;
  }
}
