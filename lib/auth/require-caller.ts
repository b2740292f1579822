import "server-only";
import { AppError } from "@/lib/http/app-error";
import { rampReturnPage } from "@/lib/ramp/redirect-url";
import { bearerKey, isValidApiKey } from "./api-keys";
import { getSignedInUser } from "./current-user";
import { EXPECTED_USER_HEADER } from "./expected-user";

/**
 * Who a ramp request comes from. Coinbase requires that tokens be minted only for users
 * the partner has authenticated, with `partnerUserRef` tied to that user:
 * - a signed-in user (session cookie): the reference is their id, never from the request;
 * - a partner's server (`Authorization: Bearer` with a key from API_KEYS): it has
 *   authenticated its own user and names them in `partnerUserRef`.
 * Anyone else: 401 `sign_in_required`, checked before the body is read. A page that names
 * the user it was shown for (lib/auth/expected-user.ts) is refused with 409 `account_changed`
 * when another account has signed in on the browser since.
 */
export type Caller = { kind: "user"; userId: string } | { kind: "partner_server" };

export async function requireCaller(request: Request): Promise<Caller> {
  const key = bearerKey(request.headers);
  if (key !== null) {
    if (!isValidApiKey(key)) throw new AppError("sign_in_required", "This API key is not valid");
    return { kind: "partner_server" };
  }
  const user = await getSignedInUser(request.headers);
  if (!user) throw new AppError("sign_in_required", "Sign in to continue");
  refuseOtherAccount(request, user.id);
  return { kind: "user", userId: user.id };
}

/** 409 `account_changed` when the request names a user (its page's) other than the signed-in one. */
export function refuseOtherAccount(request: Request, signedInUserId: string): void {
  const expected = request.headers.get(EXPECTED_USER_HEADER);
  if (expected !== null && expected !== signedInUserId)
    throw new AppError(
      "account_changed",
      "Another account is signed in now: reload the page to go on as that account",
    );
}

/**
 * The `partnerUserRef` a request acts for: the user's id, or the one a partner server named.
 * `field`: where the body holds it, as its refusal names it (`request.partnerUserRef` in a
 * phone link's body, as its other fields are named).
 */
export function partnerUserRefOf(
  caller: Caller,
  fromRequest: string | null | undefined,
  field = "partnerUserRef",
): string {
  if (caller.kind === "user") {
    if (fromRequest)
      throw new AppError(
        "invalid_request",
        "partnerUserRef is set by the server for signed-in users: leave it out",
        { issues: [{ path: field, message: "Not accepted from a browser" }] },
      );
    return caller.userId;
  }
  if (!fromRequest)
    throw new AppError("invalid_request", "With an API key, name your user in partnerUserRef", {
      issues: [{ path: field, message: "Required with an API key" }],
    });
  return fromRequest;
}

/**
 * The page a ramp's user comes back to from Coinbase, resolved once, before the routes spend
 * the instance's minting ceiling, so that a return page refused spends none of it. A partner
 * server must name it (`redirectUrl`): this app's completion pages show a signed-in user's own
 * purchases, and the partner's user is not signed in here ("Sign in to see"), so no default
 * would serve them. (A phone link brings its phone back with a status cookie of its own:
 * /api/handoff needs none.)
 */
export function returnPageOf(
  caller: Caller,
  side: "buy" | "sell",
  redirectUrl: string | undefined,
): string {
  if (caller.kind === "partner_server" && redirectUrl === undefined)
    throw new AppError(
      "invalid_request",
      "With an API key, name the page your user comes back to in redirectUrl",
      { issues: [{ path: "redirectUrl", message: "Required with an API key" }] },
    );
  return rampReturnPage(side, redirectUrl);
}
