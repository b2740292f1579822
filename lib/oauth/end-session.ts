import "server-only";
import { cookies, headers } from "next/headers";
import { after } from "next/server";
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

/**
 * A new connection replaces this browser's earlier one ("Ask for more permissions", or
 * connecting again): the earlier grant is revoked at Coinbase, else its tokens would stay
 * alive where the user can no longer see or disconnect them. Only the new owner's own grant
 * (or the browser's); another user's is theirs to end. Revoked after the answer is sent,
 * so a slow Coinbase does not hold up the user's return.
 */
export async function revokeReplacedSession(sealed: string | undefined, ownerId: string | null) {
  if (sealed === undefined) return;
  const replaced = await ownSession(await unsealSession(sealed), async () => ownerId);
  if (replaced) after(() => revokeToken(replaced));
}
