import "server-only";
import { cookies } from "next/headers";
import { getPageUser } from "@/lib/auth/page-user";
import { sessionCookieName, unsealSession, type OAuthSession } from "./session-cookie";
import { ownSession } from "./session-owner";

/** This page's viewer's Coinbase session from the sealed cookie, or null (see session-owner.ts). */
export async function currentSession(): Promise<OAuthSession | null> {
  const jar = await cookies();
  return ownSession(await unsealSession(jar.get(sessionCookieName())?.value), async () => {
    const viewer = await getPageUser();
    return viewer.state === "signed_in" ? viewer.user.id : null;
  });
}

/**
 * Whether this browser holds a Coinbase session an app user connected, while the page's
 * viewer is signed out: an owner whose sign-in ended is told to sign in to see it, not that
 * nothing is connected (connecting again would replace, and revoke, their grant).
 */
export async function sessionAwaitsSignIn(): Promise<boolean> {
  const session = await unsealSession((await cookies()).get(sessionCookieName())?.value);
  return Boolean(session?.userId) && (await getPageUser()).state === "signed_out";
}

/**
 * Whether this browser holds a Coinbase session an app user connected, and who is signed in
 * cannot be read (the database is down): the page can say neither whose it is nor that none is.
 */
export async function sessionOwnerUnknown(): Promise<boolean> {
  const session = await unsealSession((await cookies()).get(sessionCookieName())?.value);
  return Boolean(session?.userId) && (await getPageUser()).state === "unknown";
}
