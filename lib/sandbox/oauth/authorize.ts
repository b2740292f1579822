import "server-only";
import { describeScope, type AccountAccess, type ScopeInfo } from "@/lib/oauth/scopes";
import { selectableAccounts, type SandboxAccount } from "./accounts";
import { checkAuthorizeRequest } from "./authorize-request";
import { latestLiveGrant, liveAppAccountId } from "./grants";
import { createPending } from "./pending";
import type { SendLimit } from "./types";

/** The display name of the one client the sandbox knows. */
export const CLIENT_APP_NAME = "Ramps reference (sandbox client)";

/** Everything the consent page shows; carries no secret, only the pending id. */
export interface ConsentView {
  pendingId: string;
  appName: string;
  permissions: ScopeInfo[];
  sendLimitText?: string;
  /** What the app asked for; the user may lower the amount. */
  sendLimit?: SendLimit;
  /** Accounts an earlier, live grant to this app shares: ticked again when it asks for more. */
  preselected: string[];
  account: AccountAccess;
  /** For `account=new`: whether the account made for the app by a live grant is shared again. */
  keepsAppAccount: boolean;
  /** For `account=select`: the accounts to choose from, first one pre-checked. */
  choices: SandboxAccount[];
  accountCurrencies: string[];
}

export type AuthorizeOutcome =
  | { kind: "consent"; view: ConsentView }
  | { kind: "fatal"; title: string; message: string }
  | { kind: "redirect"; location: string };

/** `GET /oauth2/auth`: checks the request and, when valid, parks it for the user's answer. */
export function beginAuthorization(params: URLSearchParams, now = Date.now()): AuthorizeOutcome {
  const check = checkAuthorizeRequest(params);
  if (check.kind !== "valid") return check;
  const { request } = check;
  const choices = request.account === "select" ? selectableAccounts(request.accountCurrencies) : [];
  const entry = createPending(
    request,
    choices.map((a) => a.id),
    now,
  );
  return {
    kind: "consent",
    view: {
      pendingId: entry.id,
      appName: CLIENT_APP_NAME,
      permissions: request.scopes.map((id) => describeScope(id) ?? { id, description: id }),
      sendLimitText: request.sendLimit && describeSendLimit(request.sendLimit),
      sendLimit: request.sendLimit,
      preselected: (latestLiveGrant(request.clientId)?.accountIds ?? []).filter((id) =>
        choices.some((a) => a.id === id),
      ),
      account: request.account,
      keepsAppAccount:
        request.account === "new" && liveAppAccountId(request.clientId) !== undefined,
      choices,
      accountCurrencies: request.accountCurrencies,
    },
  };
}

/** "Send up to 50 USD per day": the limit as the user approves it. */
export function describeSendLimit(limit: SendLimit): string {
  return `Send up to ${limit.amount} ${limit.currency} per ${limit.period}`;
}

/** Next hands pages their query as a record; the checks want repeats kept visible. */
export function toSearchParams(
  record: Record<string, string | string[] | undefined>,
): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(record)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value])
      params.append(name, item);
  }
  return params;
}
