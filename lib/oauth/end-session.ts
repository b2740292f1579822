import "server-only";
import { cookies, headers } from "next/headers";
import { cookieOptions } from "@/lib/security/sealed-cookie";
import { sessionCookieName, unsealSession } from "./session-cookie";
import { ownSession, signedInUserId } from "./session-owner";
import { revokeToken } from "./token-client";

/**
 * Signing out of the app ends this browser's Coinbase connection too. The grant is revoked
 * at Coinbase when it is the user's own or was connected without signing in (best effort,
 * as Disconnect: it is forgotten here either way); the cookie is cleared whoever's it was.
 * Call it before the app session ends: its owner is checked against the signed-in user.
 */
export async function endCoinbaseSession(): Promise<void> {
  const jar = await cookies();
  const sealed = jar.get(sessionCookieName())?.value;
  if (sealed === undefined) return;
  const session = await ownSession(await unsealSession(sealed), signedInUserId(await headers()));
  if (session) await revokeToken(session);
  jar.set(sessionCookieName(), "", cookieOptions(0));
}
