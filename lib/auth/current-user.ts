import "server-only";
import { getAuth } from "./auth";

export interface SignedInUser {
  /** Stable and under 50 characters: the `partnerUserRef` of everything this user does. */
  id: string;
  email: string;
}

/** The user whose session cookie came with these headers, if any (one database read). */
export async function getSignedInUser(headers: Headers): Promise<SignedInUser | null> {
  const session = await getAuth().api.getSession({ headers });
  return session ? { id: session.user.id, email: session.user.email } : null;
}
