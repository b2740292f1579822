import type { AccountAccess, SendLimitPeriod } from "@/lib/oauth/scopes";

/** The send limit a user approves with `wallet:transactions:send` (Coinbase's `meta[…]`). */
export interface SendLimit {
  amount: string;
  currency: string;
  period: SendLimitPeriod;
}

/** An authorize request that passed every check, as the consent page shows it. */
export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  state: string;
  scopes: string[];
  codeChallenge: string;
  account: AccountAccess;
  /** Codes from `account_currency`; empty when the user may pick any account. */
  accountCurrencies: string[];
  sendLimit?: SendLimit;
}

/** What the user approved: every code, access and refresh token hangs off one grant. */
export interface Grant {
  id: string;
  clientId: string;
  scopes: string[];
  accountIds: string[];
  sendLimit?: SendLimit;
  revokedAt?: number;
}
