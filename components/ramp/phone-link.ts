"use client";

import { UNREACHABLE } from "@/components/shared/post-json";
import type { Handoff } from "@/lib/ramp/handoff";
import type { Revocation } from "@/lib/ramp/handoff-status";
import { accountChangeOf, type AccountChange } from "./use-handoff-state";

/**
 * A phone link as the computer's panel (HandoffPanel.tsx) holds it, and ending it: the form
 * changed, the computer went on to Coinbase itself, or the page was loaded again.
 */
/** How soon a link not known to be ended is asked to end again. */
export const REVOKE_AGAIN_MS = 3000;

/** A link not known to be ended: asked to end, the server answered otherwise, or not at all. */
export const isUnconfirmed = (revoked: Made["revoked"] | null) =>
  revoked === "unknown" || revoked === "unreachable";

/**
 * Why nothing more starts beside a link not known to be ended (a phone could still buy with
 * it), or null when it has ended, or was opened (which the caller says its own way).
 */
export function notEndedMessage(revoked: Made["revoked"] | null): string | null {
  if (revoked === "unreachable") return UNREACHABLE;
  if (revoked === "unknown")
    return "The phone link could not be ended just now, and your phone could still open it: try again in a moment.";
  return null;
}

/**
 * A kept link, as far as ending and following it needs (its code is never shown again), and
 * the form's request it was made for.
 */
export function keptLinkOf(kept: unknown): Pick<Made, "handoff" | "forKey"> | null {
  const { handoff, forKey } = (kept ?? {}) as { handoff?: unknown; forKey?: unknown };
  const h = (handoff ?? {}) as Partial<Record<keyof Handoff, unknown>>;
  return typeof forKey === "string" &&
    typeof h.statusId === "string" &&
    typeof h.url === "string" &&
    typeof h.expiresAt === "string"
    ? { handoff: { statusId: h.statusId, url: h.url, expiresAt: h.expiresAt, qrSvg: "" }, forKey }
    : null;
}

export interface Made {
  handoff: Handoff;
  /** The form's request the link was made for. */
  forKey: string;
  /** Brought back from this tab's storage as the page loaded again: ended without a word. */
  restored?: true;
  /**
   * Once the form changed: the link revoked, or "opened" when the phone was first, or the
   * account change that refused the revocation (the link ended with its user's session), or
   * "unknown"/"unreachable" while it is not known to be ended (asked again meanwhile).
   */
  revoked?: "revoked" | "opened" | "expired" | "unknown" | "unreachable" | AccountChange;
}

/**
 * Stops a link working (`DELETE /api/handoff/<statusId>`): the form changed, or went on to
 * Coinbase itself ("continued", which the phone is told). Never throws: "unreachable" when no
 * answer came, "unknown" when neither the link's state nor an account change can be read from
 * it. Either way the link may still work.
 */
export async function revokeLink(
  statusId: string,
  reason: Revocation = "changed",
): Promise<NonNullable<Made["revoked"]>> {
  const response = await fetch(`/api/handoff/${statusId}?reason=${reason}`, {
    method: "DELETE",
  }).catch(() => null);
  if (!response) return "unreachable";
  if (!response.ok) return accountChangeOf(response.status) ?? "unknown";
  const body = (await response.json().catch(() => null)) as {
    state?: "revoked" | "opened" | "expired";
  } | null;
  return body?.state ?? "unknown";
}
