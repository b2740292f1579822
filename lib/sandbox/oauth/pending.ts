import "server-only";
import { processSingleton } from "@/lib/process/singleton";
import { randomToken } from "./secrets";
import type { AuthorizeRequest } from "./types";

export const PENDING_LIFETIME_MS = 10 * 60 * 1000;

/** A checked authorize request waiting for the user's Allow or Deny. */
export interface PendingAuthorization {
  id: string;
  request: AuthorizeRequest;
  /** The accounts the consent page listed: the only ones the user may pick. */
  offeredAccountIds: string[];
  expiresAt: number;
}

const pending = processSingleton(
  "sandbox.oauth-pending",
  () => new Map<string, PendingAuthorization>(),
);

export function createPending(
  request: AuthorizeRequest,
  offeredAccountIds: string[],
  now = Date.now(),
): PendingAuthorization {
  sweep(now);
  const entry = {
    id: randomToken(),
    request,
    offeredAccountIds,
    expiresAt: now + PENDING_LIFETIME_MS,
  };
  pending.set(entry.id, entry);
  return entry;
}

/** Looks without spending, so a form sent back for a missing choice can be sent again. */
export function findPending(id: string, now = Date.now()): PendingAuthorization | undefined {
  const entry = pending.get(id);
  return entry && now < entry.expiresAt ? entry : undefined;
}

export function deletePending(id: string): void {
  pending.delete(id);
}

function sweep(now: number) {
  for (const [id, entry] of pending) {
    if (now >= entry.expiresAt) pending.delete(id);
  }
}
