import "server-only";
import { SESSION_MAX_DAYS, getAuth } from "./auth";

export interface SignedInUser {
  /** Stable and under 50 characters: the `partnerUserRef` of everything this user does. */
  id: string;
  email: string;
}

const SESSION_MAX_MS = SESSION_MAX_DAYS * 24 * 60 * 60 * 1000;

/**
 * The user whose session cookie came with these headers, if any (one database read). A session
 * past its 90 days is deleted here and reads as none: the user signs in again.
 */
export async function getSignedInUser(headers: Headers): Promise<SignedInUser | null> {
  const found = await readSession(headers);
  if (!found) return null;
  // better-auth renews a session on use and has no cap of its own: a cookie used once a day,
  // stolen or not, would never end. Renewals leave createdAt alone: it is the sign-in.
  if (Date.now() - found.session.createdAt.getTime() > SESSION_MAX_MS) {
    const { internalAdapter } = await getAuth().$context;
    await internalAdapter.deleteSession(found.session.token);
    return null;
  }
  return { id: found.user.id, email: found.user.email };
}

/**
 * better-auth's session for these headers, or null. Its daily renewal may find the row gone
 * meanwhile (a sign-out in another tab, or the cap above in a concurrent request): better-auth
 * says 401, and the user is signed out.
 */
export function readSession(headers: Headers) {
  return getAuth()
    .api.getSession({ headers })
    .catch((error: unknown) => {
      if (statusOf(error) === 401) return null;
      throw error;
    });
}

// better-auth's APIError; recognised by shape, as its class may exist once per bundle.
const statusOf = (error: unknown) =>
  typeof error === "object" && error !== null
    ? (error as { statusCode?: unknown }).statusCode
    : undefined;
