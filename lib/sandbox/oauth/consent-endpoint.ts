import "server-only";
import { DEMO_ACCOUNTS, createAppAccount } from "./accounts";
import { callbackUrl, errorCallbackUrl } from "./callback-url";
import { issueCode } from "./codes";
import { loweredLimitRefusal } from "./lowered-limit";
import { createGrant, liveAppAccountId } from "./grants";
import { plainText, seeOther } from "./oauth-response";
import type { SendLimit } from "./types";
import {
  answeredBefore,
  deletePending,
  findPending,
  rememberAnswer,
  type PendingAuthorization,
} from "./pending";

/** Where an answer to a request answered already, or expired, lands: a way back to the app. */
export const CONSENT_OVER_PATH = "/sandbox/login/oauth2/consent/answered";

/** POST /oauth2/consent: the consent page's Allow or Deny, answered on the client's redirect_uri. */
export async function handleConsentRequest(request: Request, now = Date.now()): Promise<Response> {
  const form = await request.formData().catch(() => null);
  const pendingId = form?.get("pending");
  const decision = form?.get("decision");
  if (!form || typeof pendingId !== "string" || (decision !== "allow" && decision !== "deny")) {
    return plainText(400, "Bad request");
  }
  const entry = findPending(pendingId, now);
  if (!entry) {
    const before = answeredBefore(pendingId, decision, now);
    if (before) return seeOther(before);
    // A page left open (or Back to it) and answered again: said in words, with a link to the
    // app, not a bare text page the user can only close.
    return seeOther(CONSENT_OVER_PATH);
  }
  const auth = entry.request;
  if (decision === "deny") {
    deletePending(entry.id);
    return answer(
      entry.id,
      decision,
      errorCallbackUrl(
        auth.redirectUri,
        "access_denied",
        "The resource owner denied the request",
        auth.state,
      ),
      now,
    );
  }
  const chosen = chosenAccounts(entry, form.getAll("account"));
  // Checked before the pending request is spent, so going back and choosing still works.
  if (typeof chosen === "string") return plainText(400, chosen);
  const sendLimit = chosenSendLimit(auth.sendLimit, form.get("send_limit_amount"));
  if (typeof sendLimit === "string") return plainText(400, sendLimit);
  deletePending(entry.id);
  const accountIds =
    auth.account === "new"
      ? [liveAppAccountId(auth.clientId) ?? createAppAccount(now).id]
      : auth.account === "all"
        ? DEMO_ACCOUNTS.map((a) => a.id)
        : chosen;
  const grant = createGrant({
    clientId: auth.clientId,
    scopes: auth.scopes,
    accountIds,
    sendLimit,
  });
  const code = issueCode(grant, auth.redirectUri, auth.codeChallenge, now);
  return answer(
    entry.id,
    decision,
    callbackUrl(auth.redirectUri, { code, state: auth.state }),
    now,
  );
}

/** Sends the user to `location`, and keeps it for a second press of the same button. */
function answer(id: string, decision: string, location: string, now: number): Response {
  rememberAnswer(id, decision, location, now);
  return seeOther(location);
}

/**
 * The limit the user approved: the one asked for, or lower, never higher; an emptied field
 * approves none (loweredLimitRefusal). A post without the field, which the page always has,
 * changes nothing of what was asked.
 */
function chosenSendLimit(
  asked: SendLimit | undefined,
  value: FormDataEntryValue | null,
): SendLimit | undefined | string {
  if (!asked || typeof value !== "string") return asked;
  return loweredLimitRefusal(asked, value) ?? { ...asked, amount: value.trim() };
}

/** The ticked accounts for `account=select`, or why they cannot be accepted. */
function chosenAccounts(
  entry: PendingAuthorization,
  values: FormDataEntryValue[],
): string[] | string {
  if (entry.request.account !== "select") return [];
  const ids = [...new Set(values.filter((v): v is string => typeof v === "string"))];
  if (ids.length === 0) return "Choose at least one account";
  if (!ids.every((id) => entry.offeredAccountIds.includes(id))) {
    return "Choose among the accounts listed";
  }
  return ids;
}
