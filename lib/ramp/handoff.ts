import "server-only";
import { randomBytes } from "node:crypto";
import type { JWTPayload } from "jose";
import QRCode from "qrcode";
import { spendMintingCeiling } from "@/lib/abuse/guard-minting";
import { getConfig } from "@/lib/config/env";
import { isDatabaseUnavailable, loggableMessage } from "@/lib/db/database-errors";
import { AppError, isAppError } from "@/lib/http/app-error";
import { log } from "@/lib/log/logger";
import { seal, unseal } from "@/lib/security/sealed-cookie";
import { getStore } from "@/lib/store/get-store";
import { isStoreUnavailable } from "@/lib/store/store-unavailable";
import {
  assertRampOffered,
  createOfframpUrl,
  createOnrampUrl,
  type RampUrl,
} from "./create-ramp-url";
import {
  endedBySignOut,
  lateRevocation,
  lateRevocationKey,
  LINK_TTL_MS,
  markLinkOpened,
  ownerOf,
  revocationMark,
  revocationOf,
  claimMark,
  sideOfClaim,
  statusIdOf,
  usedKey,
  watchedLink,
  watchLink,
  type Revocation,
} from "./handoff-status";
import type { Side } from "./options";
import { rampReturnPage } from "./redirect-url";
import {
  OfframpRequestSchema,
  OnrampRequestSchema,
  type OfframpRequest,
  type OnrampRequest,
} from "./schemas";

/**
 * "Continue on my phone": a short link whose page, on the phone, mints the session token
 * when the user presses "Continue to Coinbase" (tokens are single-use and live five
 * minutes, so minting then is the only way; opening the link alone mints nothing). The link
 * lives ten minutes and works once, across instances, unless its user signs out first. What
 * it will mint is kept sealed in the shared store: the store never holds an address in clear.
 * Without the store, no link is made (`store_unavailable`) nor opened.
 */

export interface Handoff {
  url: string;
  expiresAt: string;
  qrSvg: string;
  /** Asks whether the phone opened the link (`GET /api/handoff/<statusId>`); cannot open it. */
  statusId: string;
}

export async function createHandoff(
  side: Side,
  request: OnrampRequest | OfframpRequest,
  partnerUserRef: string,
): Promise<Handoff> {
  // Refused now, as the phone's mint would refuse it: a link it could only fail to open is not made.
  try {
    rampReturnPage(side, request.redirectUrl);
    await assertRampOffered(side, request);
  } catch (error) {
    throw withinRequest(error);
  }
  const id = randomBytes(16).toString("base64url");
  // A quote runs out long before a phone may open the link: Coinbase prices it anew.
  const { quoteId: _quote, ...unquoted } = request;
  const madeAt = Date.now();
  const sealed = await seal(
    "handoff",
    { side, request: unquoted, partnerUserRef, madeAt },
    LINK_TTL_MS / 1000,
  );
  await getStore().set(`handoff:${id}`, sealed, LINK_TTL_MS);
  await watchLink(id, partnerUserRef, madeAt, LINK_TTL_MS);
  const url = `${getConfig().appUrl}/h/${id}`;
  return {
    url,
    statusId: statusIdOf(id),
    expiresAt: new Date(Date.now() + LINK_TTL_MS).toISOString(),
    qrSvg: await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" }),
  };
}

// "unknown": not an id this app makes (a link cut short, mistyped); "expired": one it made;
// "replaced": its user changed the form it was made from, "continued": went on to Coinbase with
// it on the computer (revokeHandoff); "ended": its user signed out since (handoff-sign-out.ts).
type Refusal =
  | "used"
  | "replaced"
  | "continued"
  | "ended"
  | "expired"
  | "unknown"
  | "unavailable"
  | "retry"
  | "busy"
  | "failed"
  | "refused"
  | "lost";

/** Refusals that leave the link unused: opening it again later may work. */
const TRY_AGAIN = new Set<Refusal>(["retry", "busy", "failed", "unavailable"]);

const REVOKED_AS: Record<Revocation, Refusal> = { changed: "replaced", continued: "continued" };

function usedReason(mark: string | null): Refusal {
  const revocation = revocationOf(mark);
  return revocation ? REVOKED_AS[revocation] : "used";
}

/** Why a link whose request is gone opens nothing: revoked while a phone's claim was under way, or run out. */
async function goneReason(id: string): Promise<Refusal> {
  const revocation = await lateRevocation(id);
  return revocation ? REVOKED_AS[revocation] : "expired";
}

const endedFor = (payload: JWTPayload) =>
  endedBySignOut(ownerOf(String(payload.partnerUserRef)), payload.madeAt);

/** What a link will open, for the page that asks before opening it. */
export type HandoffSummary = { side: Side } & Pick<
  OnrampRequest,
  "asset" | "network" | "address" | "fiatAmount" | "fiatCurrency" | "cryptoAmount"
>;

/**
 * What a link would open, without opening it or using it up: for the page a link preview,
 * a mail scanner or a prefetch lands on, and the user confirms from.
 */
export async function peekHandoff(
  id: string,
): Promise<{ ok: true; summary: HandoffSummary } | { ok: false; reason: Refusal; side?: Side }> {
  if (!isLinkId(id)) return { ok: false, reason: "unknown" };
  try {
    const store = getStore();
    const [sealed, used] = await Promise.all([store.get(`handoff:${id}`), store.get(usedKey(id))]);
    const payload = sealed === null ? null : await unseal("handoff", sealed);
    const side = payload?.side === "sell" ? "sell" : "buy";
    // Used: most often by this very phone, Back from Coinbase's page; it may follow the order
    // (the link itself run out, its claim says which side).
    if (used !== null)
      return { ok: false, reason: usedReason(used), side: payload ? side : sideOfClaim(used) };
    if (!payload) return { ok: false, reason: await goneReason(id) };
    if (await endedFor(payload)) return { ok: false, reason: "ended" };
    // Sealed as the schemas checked it when the link was made: buy and sell share these fields.
    const { asset, network, address, fiatAmount, fiatCurrency, cryptoAmount } =
      payload.request as OnrampRequest;
    return {
      ok: true,
      summary: { side, asset, network, address, fiatAmount, fiatCurrency, cryptoAmount },
    };
  } catch (error) {
    if (!isStoreUnavailable(error)) throw error;
    return { ok: false, reason: "unavailable" };
  }
}

/**
 * The page that says why a link did not open. A used one (most often by this very phone: Back
 * from Coinbase's page, then Continue again) names its side: the page then leads to the order.
 */
export async function refusalPage(id: string, reason: Refusal, side?: Side): Promise<string> {
  // Not used up: the page leads back to the link, to try it again.
  if (tryAgainPath(reason, id)) return `/handoff?link=${reason}&id=${id}`;
  if (reason !== "used") return `/handoff?link=${reason}`;
  if (!side) {
    const link = await peekHandoff(id);
    side = link.ok ? link.summary.side : link.side;
  }
  return `/handoff?link=used${side ? `&side=${side}` : ""}`;
}

export type Redeemed =
  { ok: true; payUrl: string; transactionId: string } | { ok: false; reason: Refusal };

/**
 * Opens a hand-off link once: mints a fresh token and returns the Coinbase URL. When the
 * store cannot say whether the link was used, it is refused as `unavailable` (and, unless
 * the store took the claim before failing, still works once the store is back).
 */
export async function redeemHandoff(id: string, clientIp?: string): Promise<Redeemed> {
  let claimed: { payload: JWTPayload } | Refusal;
  try {
    claimed = await claimLink(id);
  } catch (error) {
    if (!isStoreUnavailable(error)) throw error;
    claimed = "unavailable";
  }
  if (typeof claimed === "string") return { ok: false, reason: claimed };
  const { payload } = claimed;
  const ref = String(payload.partnerUserRef);
  try {
    // The link is this request's caller: only a real one spends the instance's ceiling.
    await spendMintingCeiling();
    const url = await mintFromLink(payload, clientIp);
    await markLinkOpened(id, ref, Number(payload.madeAt), LINK_TTL_MS);
    return { ok: true, payUrl: url.url, transactionId: url.transactionId };
  } catch (error) {
    // No URL, so the link was not used: the phone may open it again once Coinbase answers.
    // (A token Coinbase minted but we never received is harmless: it expires unused.)
    const released = await getStore()
      .delete(usedKey(id))
      .then(
        () => true,
        () => false,
      );
    if (released) throw error;
    // The store went down too: the link stays marked used, so "open it again" would fail.
    log("warn", "handoff_failed", { reason: isAppError(error) ? error.code : "internal_error" });
    return { ok: false, reason: "lost" };
  }
}

/** The phone's mint: what the link keeps, for its user, back to the page it names or its side's own. */
function mintFromLink(payload: JWTPayload, clientIp?: string): Promise<RampUrl> {
  const partnerUserRef = String(payload.partnerUserRef);
  if (payload.side === "buy") {
    const request = OnrampRequestSchema.parse(payload.request);
    const returnPage = rampReturnPage("buy", request.redirectUrl);
    return createOnrampUrl(request, { partnerUserRef, returnPage }, clientIp);
  }
  const request = OfframpRequestSchema.parse(payload.request);
  const returnPage = rampReturnPage("sell", request.redirectUrl);
  return createOfframpUrl(request, { partnerUserRef, returnPage }, clientIp);
}

/**
 * What the phone is shown when opening the link failed on the way (Coinbase down, slow or
 * refusing, this client over its rate limit, or the ledger's database down): a page, not
 * the API's JSON. The link was not used up, so "retry" (Coinbase failed or was busy), "busy"
 * (this app's own rate limit), "failed" (this app failed) and "unavailable" say trying again
 * can work; "refused" that trying again will not (Coinbase or this app's own checks said no).
 */
export function handoffFailure(error: unknown): Redeemed {
  if (isDatabaseUnavailable(error)) {
    log("warn", "handoff_failed", { reason: "database_unavailable" });
    return { ok: false, reason: "unavailable" };
  }
  if (!isAppError(error)) {
    // A bug or a database error of another kind: the phone still gets a page, not JSON,
    // and the link was released, so trying again may work once it is fixed.
    log("error", "handoff_failed", { reason: "internal_error", message: loggableMessage(error) });
    return { ok: false, reason: "failed" };
  }
  log("warn", "handoff_failed", { reason: error.code });
  if (error.code === "rate_limited") return { ok: false, reason: "busy" };
  if (error.status < 500 || error.code === "upstream_auth") return { ok: false, reason: "refused" };
  return { ok: false, reason: error.code.startsWith("upstream_") ? "retry" : "failed" };
}

/** The link's request, marked used across instances; or why it cannot be opened. */
async function claimLink(id: string): Promise<{ payload: JWTPayload } | Refusal> {
  if (!isLinkId(id)) return "unknown";
  const store = getStore();
  const sealed = await store.get(`handoff:${id}`);
  const used = async () => usedReason(await store.get(usedKey(id)));
  if (!sealed) return (await store.get(usedKey(id))) ? used() : goneReason(id);
  const payload = await unseal("handoff", sealed);
  if (!payload) return "expired";
  if (await endedFor(payload)) return "ended";
  const side = payload.side === "sell" ? "sell" : "buy";
  if (!(await store.setIfAbsent(usedKey(id), claimMark(side), 2 * LINK_TTL_MS))) return used();
  return { payload };
}

/**
 * The computer's form changed after it showed a link's QR code, or went on to Coinbase with the
 * link's values itself (`why`: the phone is told which): the link stops working, or a phone could
 * still buy what the form no longer says, or buy it twice. Too late once the phone has opened it
 * ("opened": the computer says so instead).
 */
export async function revokeHandoff(
  statusId: string,
  partnerUserRef: string | null,
  why: Revocation = "changed",
): Promise<"revoked" | "opened" | "expired"> {
  const watched = await watchedLink(statusId, partnerUserRef);
  if (!watched?.link) return "expired";
  const store = getStore();
  const mark = revocationMark(why);
  // Revoked already while a phone's claim was under way (below): that revocation stands, once
  // the claim is given back too. Marking the link's use now would tell the phone of a form
  // changed after it went on to Coinbase here that the link was "replaced", not "continued".
  if (await lateRevocation(watched.link))
    return (await store.get(usedKey(watched.link))) === null ? "revoked" : "opened";
  if (await store.setIfAbsent(usedKey(watched.link), mark, 2 * LINK_TTL_MS)) return "revoked";
  if (revocationOf(await store.get(usedKey(watched.link)))) return "revoked";
  // The phone's claim is taken but its mint not done: should the mint fail, redeemHandoff
  // gives the claim back for another try, which would buy what the form no longer says.
  // Dropping what the link would open leaves that try nothing to open; the revocation is kept
  // so that the link then reads as revoked, to the computer and to the phone.
  if (!watched.opened) {
    await store.setIfAbsent(lateRevocationKey(watched.link), mark, 2 * LINK_TTL_MS);
    await store.delete(`handoff:${watched.link}`);
  }
  return "opened";
}

/** The link's own page, when a refusal left it unused and it may work when opened again. */
export function tryAgainPath(reason: unknown, id: unknown): string | undefined {
  const unused = typeof reason === "string" && TRY_AGAIN.has(reason as Refusal);
  return unused && typeof id === "string" && isLinkId(id) ? `/handoff/${id}` : undefined;
}

/** A link's id as createHandoff makes them (16 random bytes, base64url): anything else never was. */
export function isLinkId(id: string): boolean {
  return /^[\w-]{22}$/.test(id);
}

/** A refusal of the ramp request, its fields named as in this route's body (`request.asset`). */
function withinRequest(error: unknown): unknown {
  if (!isAppError(error) || !error.options.issues) return error;
  const issues = error.options.issues.map((i) => ({ ...i, path: `request.${i.path}` }));
  return new AppError(error.code, error.message, { ...error.options, issues });
}
