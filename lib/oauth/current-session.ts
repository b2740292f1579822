import "server-only";
import { cookies } from "next/headers";
import { sessionCookieName, unsealSession, type OAuthSession } from "./session-cookie";

/** The signed-in user's session from the sealed cookie, or null. */
export async function currentSession(): Promise<OAuthSession | null> {
  const jar = await cookies();
  return unsealSession(jar.get(sessionCookieName())?.value);
}
