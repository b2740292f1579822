import "server-only";
import { createHash } from "node:crypto";
import { AppError } from "@/lib/http/app-error";
import { log } from "@/lib/log/logger";
import { getStore } from "@/lib/store/get-store";
import { isStoreUnavailable } from "@/lib/store/store-unavailable";
import type { Side } from "./options";

/** How long a phone link lives (handoff.ts), and so each record kept beside it. */
export const LINK_TTL_MS = 10 * 60 * 1000;

/** A phone link as the computer showing its QR code sees it. */
export type HandoffState = "waiting" | "opened" | "revoked" | "expired";

/**
 * The computer that shows a link's QR code asks whether the phone has opened it. It asks by
 * a status id, a hash of the link's id: the asking, and its access log line, never carry
 * the link itself, which is all it takes to open it. Kept in the shared store beside the
 * link, with a hash of the user it was made for (the store holds no reference in clear).
 */
const sha256 = (value: string) => createHash("sha256").update(value).digest("base64url");

export const statusIdOf = (linkId: string) => sha256(`handoff-status:${linkId}`).slice(0, 22);

/** The user a record is kept for, named by a hash. */
export const ownerOf = (partnerUserRef: string) => sha256(partnerUserRef);

interface Watched {
  owner: string;
  opened: boolean;
  /** The link itself, so that its user can revoke it by the status id (in the store only). */
  link?: string;
  /** When the link was made (ms), to tell whether its user signed out since (endedBySignOut). */
  madeAt?: number;
}

const watchKey = (statusId: string) => `handoff:status:${statusId}`;

/** A link's use, marked once across instances: claimed by the phone, or revoked by its user. */
export const usedKey = (linkId: string) => `handoff:used:${linkId}`;

/**
 * Why its user revoked a link, as its use mark says (any other mark is the phone's claim): the
 * form it was made from changed (`revoked`, the one value there was before), or the computer
 * went on to Coinbase with it itself.
 */
const REVOCATION_MARKS = { changed: "revoked", continued: "continued-here" } as const;
export type Revocation = keyof typeof REVOCATION_MARKS;

export const revocationMark = (why: Revocation) => REVOCATION_MARKS[why];

/**
 * The phone's claim, naming the link's side: once the link itself has run out (10 minutes),
 * the phone pressing Back from Coinbase's page is still led to its own side's completion page.
 */
export const claimMark = (side: Side) => `claimed:${side}`;

export function sideOfClaim(mark: string | null): Side | undefined {
  if (mark === claimMark("buy")) return "buy";
  if (mark === claimMark("sell")) return "sell";
  return undefined;
}

export function revocationOf(mark: string | null): Revocation | null {
  if (mark === REVOCATION_MARKS.changed) return "changed";
  if (mark === REVOCATION_MARKS.continued) return "continued";
  return null;
}

/**
 * A revocation that came while the phone's claim was under way (revokeHandoff): too late to
 * stop that mint, which may yet open the link. Should it fail, the claim is given back and the
 * link's use mark goes with it: this one stays, so the link reads as revoked, as its user asked,
 * not as waiting for a phone that can no longer open it.
 */
export const lateRevocationKey = (linkId: string) => `handoff:revoked-late:${linkId}`;

/** Why the link was revoked while its phone's claim was under way; null if it was not. */
export async function lateRevocation(linkId: string): Promise<Revocation | null> {
  return revocationOf(await getStore().get(lateRevocationKey(linkId)));
}

/**
 * Signing out ends the user's links made before it (handoff-sign-out.ts): the moment is kept
 * under the user's hash, as the store cannot list a user's links.
 */
export const signedOutKey = (owner: string) => `handoff:signed-out:${owner}`;

/** Whether the link's user signed out since it was made (`madeAt`, ms; unknown counts as before). */
export async function endedBySignOut(owner: string, madeAt: unknown): Promise<boolean> {
  const signedOutAt = await getStore().get(signedOutKey(owner));
  return signedOutAt !== null && !(Number(madeAt) > Number(signedOutAt));
}

function write(
  linkId: string,
  partnerUserRef: string,
  madeAt: number,
  opened: boolean,
  ttlMs: number,
) {
  const watched: Watched = { owner: ownerOf(partnerUserRef), opened, link: linkId, madeAt };
  return getStore().set(watchKey(statusIdOf(linkId)), JSON.stringify(watched), ttlMs);
}

/** A new link: waiting for the phone. */
export async function watchLink(
  linkId: string,
  partnerUserRef: string,
  madeAt: number,
  ttlMs: number,
) {
  await write(linkId, partnerUserRef, madeAt, false, ttlMs);
}

/**
 * The phone opened the link and its token was minted. Never throws: the phone goes on to
 * Coinbase whether or not the computer hears of it (it then says the link ran out).
 */
export async function markLinkOpened(
  linkId: string,
  partnerUserRef: string,
  madeAt: number,
  ttlMs: number,
) {
  try {
    await write(linkId, partnerUserRef, madeAt, true, ttlMs);
  } catch (error) {
    if (!isStoreUnavailable(error)) throw error;
    log("warn", "handoff_status_lost", {});
  }
}

/**
 * Where a link stands: waiting, opened (a token was minted on the phone), revoked (by its user,
 * as `DELETE` answered, or ended by their signing out: either way a phone is refused it,
 * handoff.ts) or expired (its ten minutes are over, or it never was). A user may ask only of a
 * link made for them, a partner's server (`partnerUserRef` null) of any: another user's live
 * link is not found.
 */
export async function handoffState(
  statusId: string,
  partnerUserRef: string | null,
): Promise<HandoffState> {
  const watched = await watchedLink(statusId, partnerUserRef);
  if (!watched) return "expired";
  if (watched.opened) return "opened";
  const [mark, revokedLate, ended] = await Promise.all([
    watched.link ? getStore().get(usedKey(watched.link)) : null,
    watched.link ? lateRevocation(watched.link) : null,
    endedBySignOut(watched.owner, watched.madeAt),
  ]);
  // Claimed by the phone before any sign-out or revocation (its claim checks): its mint may yet
  // open it. Should that mint fail, the claim goes, and the link was revoked all the same.
  if (mark !== null) return revocationOf(mark) ? "revoked" : "waiting";
  return ended || revokedLate !== null ? "revoked" : "waiting";
}

/** The watch record of a link the caller may ask about (see handoffState); null once it ran out. */
export async function watchedLink(
  statusId: string,
  partnerUserRef: string | null,
): Promise<Watched | null> {
  const notFound = () => new AppError("not_found", "There is no such phone link");
  if (!/^[\w-]{22}$/.test(statusId)) throw notFound();
  const held = await getStore().get(watchKey(statusId));
  if (held === null) return null;
  const watched = JSON.parse(held) as Watched;
  if (partnerUserRef !== null && watched.owner !== ownerOf(partnerUserRef)) throw notFound();
  return watched;
}
