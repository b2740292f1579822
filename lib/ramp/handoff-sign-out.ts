import "server-only";
import { log } from "@/lib/log/logger";
import { getStore } from "@/lib/store/get-store";
import { isStoreUnavailable } from "@/lib/store/store-unavailable";
import { LINK_TTL_MS, ownerOf, signedOutKey } from "./handoff-status";

/**
 * Signing out ends every phone link the user made: on a shared computer, a link photographed
 * or forwarded must not outlive the user's session. The store cannot list a user's links, so
 * sign-out marks the moment instead, for as long as a link made before it lives, and such a
 * link opens nothing (handoff.ts) and reads as revoked to the computer that showed it
 * (handoff-status.ts decides both). The mark names the user by a hash, as the status record does.
 */

/** Ends the user's open phone links. Never throws for the store: signing out goes on without it. */
export async function endPhoneLinks(partnerUserRef: string): Promise<void> {
  try {
    await getStore().set(signedOutKey(ownerOf(partnerUserRef)), String(Date.now()), LINK_TTL_MS);
  } catch (error) {
    if (!isStoreUnavailable(error)) throw error;
    log("warn", "handoff_sign_out_unmarked");
  }
}
