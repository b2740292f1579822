import "server-only";
import { createHash } from "node:crypto";
import { getStore } from "@/lib/store/get-store";
import type { SharedStore } from "@/lib/store/shared-store";

// Kept past the state cookie's 10-minute life, so a replay is caught for as long as
// the cookie could be.
const TTL_MS = 11 * 60 * 1000;

/**
 * True the first time a state is presented, false on every replay, across all
 * instances (the shared store decides). Stored hashed: the store never holds a state.
 * Throws `store_unavailable` when the store cannot answer: a state is never let through
 * unchecked.
 */
export async function consumeState(
  state: string,
  store: SharedStore = getStore(),
): Promise<boolean> {
  const key = `oauth:state:${createHash("sha256").update(state).digest("base64url")}`;
  return store.setIfAbsent(key, "1", TTL_MS);
}
