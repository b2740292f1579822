import {
  ACCOUNT_ACCESS,
  SCOPE_IDS,
  SEND_LIMIT_CURRENCY_CODES,
  SEND_LIMIT_PERIODS,
} from "@/lib/oauth/scopes";
import type { ConnectValues } from "./connect-state";

/**
 * Where the connect form is kept as the user sets it (see session-draft.ts). One per starting
 * point, the scopes, the send limit and the account access (and currencies) already granted:
 * "Ask for more permissions" opens a form of its own, not the one left before connecting.
 */
export function connectDraftKey(
  granted: string[],
  grantedLimit?: { amount: string; currency: string; period: string },
  grantedAccess = "",
  grantedAccountCurrency = "",
): string {
  const limit = grantedLimit
    ? `${grantedLimit.amount} ${grantedLimit.currency}/${grantedLimit.period}`
    : "";
  const access = grantedAccountCurrency
    ? `${grantedAccess} ${grantedAccountCurrency}`
    : grantedAccess;
  return `connect-draft:${[...granted].sort().join(",")}:${limit}:${access}`;
}

/** Whether a kept draft has the form's shape, each choice one the form offers. */
export function isConnectDraft(draft: unknown): draft is ConnectValues {
  const d = (draft ?? {}) as Record<string, unknown>;
  return (
    Array.isArray(d.scopes) &&
    d.scopes.every((s) => typeof s === "string" && SCOPE_IDS.includes(s)) &&
    ACCOUNT_ACCESS.some((a) => a.id === d.account) &&
    typeof d.accountCurrency === "string" &&
    typeof d.sendAmount === "string" &&
    (SEND_LIMIT_CURRENCY_CODES as readonly unknown[]).includes(d.sendCurrency) &&
    (SEND_LIMIT_PERIODS as readonly unknown[]).includes(d.sendPeriod)
  );
}
