import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { getPageUser } from "@/lib/auth/page-user";
import { sessionCookieName, unsealSession, type OAuthSession } from "./session-cookie";
import { ownSession } from "./session-owner";

/**
 * This page's viewer's Coinbase session from the sealed cookie, or null (see session-owner.ts).
 * Once per render (React's `cache`): /account asks in the page and in its Coinbase part.
 */
export const currentSession = cache(async (): Promise<OAuthSession | null> => {
  const jar = await cookies();
  return ownSession(await unsealSession(jar.get(sessionCookieName())?.value), async () => {
    const viewer = await getPageUser();
    return viewer.state === "signed_in" ? viewer.user.id : null;
  });
});

/**
 * Why this page's viewer is not shown the Coinbase session an app user connected on this browser,
 * when that is the reason: "signed_out" (their sign-in ended: they are told to sign in to see it,
 * not that nothing is connected, as connecting again would replace, and revoke, their grant), or
 * "unknown" (the database is down: the page can say neither whose it is nor that none is). Null
 * when the browser holds no such session, or its viewer is signed in.
 */
export async function ownerAwayFromSession(): Promise<"signed_out" | "unknown" | null> {
  const session = await unsealSession((await cookies()).get(sessionCookieName())?.value);
  if (!session?.userId) return null;
  const { state } = await getPageUser();
  return state === "signed_in" ? null : state;
}
