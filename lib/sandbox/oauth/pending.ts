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

/**
 * The answers given in the last minute, by pending id: a second press of the same button
 * (a double click before the page's script has run: the form posts twice, and the browser shows
 * the second answer) is sent where the first was, not to an "already answered" page.
 */
const ANSWER_KEPT_MS = 60 * 1000;
const answered = processSingleton(
  "sandbox.oauth-answered",
  () => new Map<string, { decision: string; location: string; until: number }>(),
);

export function rememberAnswer(id: string, decision: string, location: string, now = Date.now()) {
  for (const [key, answer] of answered) if (now >= answer.until) answered.delete(key);
  answered.set(id, { decision, location, until: now + ANSWER_KEPT_MS });
}

/** Where the same answer to `id` went, if given within the minute. */
export function answeredBefore(id: string, decision: string, now = Date.now()): string | undefined {
  const answer = answered.get(id);
  return answer && answer.decision === decision && now < answer.until ? answer.location : undefined;
}
