import "server-only";
import { createHash } from "node:crypto";
import { AppError } from "@/lib/http/app-error";
import { log } from "@/lib/log/logger";
import { getStore } from "@/lib/store/get-store";
import { isStoreUnavailable } from "@/lib/store/store-unavailable";

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

interface Watched {
  owner: string;
  opened: boolean;
  /** The link itself, so that its user can revoke it by the status id (in the store only). */
  link?: string;
}

const watchKey = (statusId: string) => `handoff:status:${statusId}`;

/** A link's use, marked once across instances: opened by the phone, or revoked by its user. */
export const usedKey = (linkId: string) => `handoff:used:${linkId}`;
export const REVOKED = "revoked";

function write(linkId: string, partnerUserRef: string, opened: boolean, ttlMs: number) {
  const watched: Watched = { owner: sha256(partnerUserRef), opened, link: linkId };
  return getStore().set(watchKey(statusIdOf(linkId)), JSON.stringify(watched), ttlMs);
}

/** A new link: waiting for the phone. */
export async function watchLink(linkId: string, partnerUserRef: string, ttlMs: number) {
  await write(linkId, partnerUserRef, false, ttlMs);
}

/**
 * The phone opened the link and its token was minted. Never throws: the phone goes on to
 * Coinbase whether or not the computer hears of it (it then says the link ran out).
 */
export async function markLinkOpened(linkId: string, partnerUserRef: string, ttlMs: number) {
  try {
    await write(linkId, partnerUserRef, true, ttlMs);
  } catch (error) {
    if (!isStoreUnavailable(error)) throw error;
    log("warn", "handoff_status_lost", {});
  }
}

/**
 * Where a link stands: waiting, opened (a token was minted on the phone), revoked by its user
 * (as `DELETE` answered: a phone is refused it) or expired (its ten minutes are over, or it
 * never was). A user may ask only of a link made for them, a partner's server
 * (`partnerUserRef` null) of any: another user's live link is not found.
 */
export async function handoffState(
  statusId: string,
  partnerUserRef: string | null,
): Promise<HandoffState> {
  const watched = await watchedLink(statusId, partnerUserRef);
  if (!watched) return "expired";
  if (watched.opened) return "opened";
  const revoked = watched.link && (await getStore().get(usedKey(watched.link))) === REVOKED;
  return revoked ? "revoked" : "waiting";
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
  if (partnerUserRef !== null && watched.owner !== sha256(partnerUserRef)) throw notFound();
  return watched;
}
