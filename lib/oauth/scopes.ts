import { FIAT_CURRENCIES, type FiatCurrency } from "@/lib/ramp/catalog";

/**
 * Every Coinbase Connect scope (Connect docs) in plain words, grouped by what it touches.
 * Browser-safe: the connect page, the authorize route and the sandbox all read it.
 */

export interface ScopeInfo {
  id: string;
  description: string;
  /** Moves money or changes the account: shown with a warning. */
  sensitive?: boolean;
}

export interface ScopeGroup {
  resource: string;
  scopes: ScopeInfo[];
}

export const SCOPE_GROUPS: ScopeGroup[] = [
  {
    resource: "Accounts",
    scopes: [
      { id: "wallet:accounts:read", description: "See your accounts and their balances" },
      {
        id: "wallet:accounts:update",
        // Coinbase's update scope covers both: renaming an account and setting it as primary.
        description: "Rename your accounts and choose the primary one",
        sensitive: true,
      },
      { id: "wallet:accounts:create", description: "Create new accounts" },
      { id: "wallet:accounts:delete", description: "Delete your accounts", sensitive: true },
    ],
  },
  {
    resource: "Addresses",
    scopes: [
      { id: "wallet:addresses:read", description: "See your receive addresses" },
      { id: "wallet:addresses:create", description: "Create new receive addresses" },
    ],
  },
  {
    resource: "Buys",
    scopes: [
      { id: "wallet:buys:read", description: "See your past purchases" },
      {
        id: "wallet:buys:create",
        description: "Buy crypto with your payment methods",
        sensitive: true,
      },
    ],
  },
  {
    resource: "Sells",
    scopes: [
      { id: "wallet:sells:read", description: "See your past sales" },
      { id: "wallet:sells:create", description: "Sell crypto from your accounts", sensitive: true },
    ],
  },
  {
    resource: "Deposits",
    scopes: [
      { id: "wallet:deposits:read", description: "See your deposits" },
      {
        id: "wallet:deposits:create",
        description: "Deposit money from your bank",
        sensitive: true,
      },
    ],
  },
  {
    resource: "Withdrawals",
    scopes: [
      { id: "wallet:withdrawals:read", description: "See your withdrawals" },
      {
        id: "wallet:withdrawals:create",
        description: "Withdraw money to your bank",
        sensitive: true,
      },
    ],
  },
  {
    resource: "Transactions",
    scopes: [
      { id: "wallet:transactions:read", description: "See your transaction history" },
      {
        id: "wallet:transactions:send",
        description: "Send crypto from your accounts, up to a limit you approve",
        sensitive: true,
      },
      { id: "wallet:transactions:request", description: "Request money from other people" },
      {
        id: "wallet:transactions:transfer",
        description: "Move funds between your own accounts",
        sensitive: true,
      },
    ],
  },
  {
    resource: "Trades",
    scopes: [
      { id: "wallet:trades:read", description: "See your trades" },
      {
        id: "wallet:trades:create",
        description: "Trade one currency for another",
        sensitive: true,
      },
    ],
  },
  {
    resource: "Payment methods",
    scopes: [
      { id: "wallet:payment-methods:read", description: "See your linked payment methods" },
      {
        id: "wallet:payment-methods:delete",
        description: "Remove your payment methods",
        sensitive: true,
      },
      { id: "wallet:payment-methods:limits", description: "See your payment methods' limits" },
    ],
  },
  {
    resource: "Notifications",
    scopes: [{ id: "wallet:notifications:read", description: "See your notifications" }],
  },
  {
    resource: "User",
    scopes: [
      { id: "wallet:user:read", description: "See your name and public profile" },
      { id: "wallet:user:email", description: "See your email address" },
      { id: "wallet:user:update", description: "Change your profile", sensitive: true },
    ],
  },
  {
    resource: "Session",
    scopes: [
      {
        id: "offline_access",
        description:
          "Stay connected: get a refresh token, so you need not sign in again every hour",
      },
    ],
  },
];

export const ALL_SCOPES = SCOPE_GROUPS.flatMap((g) => g.scopes);
export const SCOPE_IDS = ALL_SCOPES.map((s) => s.id);
export const SEND_SCOPE = "wallet:transactions:send";

export function describeScope(id: string): ScopeInfo | undefined {
  return ALL_SCOPES.find((s) => s.id === id);
}

/** Starting points for common needs: each asks for as little as that need takes. */
export const SCOPE_PRESETS = [
  { id: "balances", label: "View balances", scopes: ["wallet:user:read", "wallet:accounts:read"] },
  {
    id: "history",
    label: "View history",
    scopes: [
      "wallet:user:read",
      "wallet:accounts:read",
      "wallet:transactions:read",
      "wallet:buys:read",
      "wallet:sells:read",
    ],
  },
  {
    id: "send",
    label: "Send on my behalf",
    // Reading transactions lets the app show how much of the limit is left.
    scopes: [
      "wallet:user:read",
      "wallet:accounts:read",
      "wallet:transactions:read",
      SEND_SCOPE,
      "offline_access",
    ],
  },
] as const;

export const ACCOUNT_ACCESS = [
  { id: "select", label: "Let the user pick which accounts (recommended)" },
  { id: "new", label: "Create a new account for this app" },
  { id: "all", label: "All of the user's accounts" },
] as const;
export type AccountAccess = (typeof ACCOUNT_ACCESS)[number]["id"];

export function isAccountAccess(v: unknown): v is AccountAccess {
  return ACCOUNT_ACCESS.some((a) => a.id === v);
}

/** A currency code `account_currency` may name (BTC, ETH…). */
export const ACCOUNT_CURRENCY_CODE = /^[A-Z0-9]{2,10}$/;

/** An `account_currency` list as sealed in a cookie: codes only, at least one. */
export function isAccountCurrencyList(v: unknown): v is string[] {
  return (
    Array.isArray(v) &&
    v.length > 0 &&
    v.length <= 100 &&
    v.every((c) => typeof c === "string" && ACCOUNT_CURRENCY_CODE.test(c))
  );
}

// The seed names day, month and year; Coinbase also grants per week.
export const SEND_LIMIT_PERIODS = ["day", "week", "month", "year"] as const;
export type SendLimitPeriod = (typeof SEND_LIMIT_PERIODS)[number];

/** The seed: new apps are capped at 100 USD per user; most should never ask above 500. */
export const SEND_LIMIT_DEFAULT_CEILING_USD = 100;
export const SEND_LIMIT_ADVISED_MAX_USD = 500;

/**
 * The currencies a send limit may be in: those the app can value a send in (Coinbase's spot
 * price of the asset in that currency), else the limit would go uncounted. The connect form
 * offers exactly these; the authorize route refuses any other.
 */
export const SEND_LIMIT_CURRENCIES = FIAT_CURRENCIES;
export type SendLimitCurrency = FiatCurrency;
export const SEND_LIMIT_CURRENCY_CODES = SEND_LIMIT_CURRENCIES.map((c) => c.code) as [
  SendLimitCurrency,
  ...SendLimitCurrency[],
];
export const SEND_LIMIT_DEFAULT_CURRENCY: SendLimitCurrency = "USD";

export function isSendLimitCurrency(code: string): code is SendLimitCurrency {
  return (SEND_LIMIT_CURRENCY_CODES as readonly string[]).includes(code);
}

/** A send limit's amount as Coinbase takes it: up to nine figures and two decimal places. */
export const SEND_LIMIT_AMOUNT = /^\d{1,9}(\.\d{1,2})?$/;
