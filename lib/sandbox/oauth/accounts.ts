import "server-only";
import { randomUUID } from "node:crypto";
import { processSingleton } from "@/lib/process/singleton";
import { fixed, format, type Fixed } from "@/lib/sandbox/cdp/decimal";

/** An account exactly as `GET /v2/accounts` returns it. */
export interface SandboxAccount {
  id: string;
  name: string;
  primary: boolean;
  type: "wallet" | "fiat";
  currency: { code: string; name: string };
  balance: { amount: string; currency: string };
  created_at: string;
  updated_at: string;
  resource: "account";
  resource_path: string;
}

/** The name Coinbase gives an `account=new` account: the app's. */
export const APP_NAME = "Ramps reference";

const FIAT = new Set(["USD", "EUR"]);

function account(
  id: string,
  code: string,
  name: string,
  amount: string,
  createdAt: string,
): SandboxAccount {
  return {
    id,
    name: `${code} Wallet`,
    primary: code === "BTC",
    type: FIAT.has(code) ? "fiat" : "wallet",
    currency: { code, name },
    balance: { amount, currency: code },
    created_at: createdAt,
    updated_at: createdAt,
    resource: "account",
    resource_path: `/v2/accounts/${id}`,
  };
}

// Stable ids so tests and bookmarks survive restarts; newest first, the API's order.
const SEED: [id: string, code: string, name: string, amount: string, created: string][] = [
  ["9642ecc8-b4dc-40ae-af9e-973000d8095a", "BTC", "Bitcoin", "0.51230000", "2024-10-01"],
  ["824a067f-5b1a-49b7-8eed-7e366bf51322", "ETH", "Ethereum", "2.40000000", "2024-09-01"],
  ["2d250b26-00ad-4a71-9dc1-2d19ee2e5500", "USDC", "USD Coin", "1250.000000", "2024-08-01"],
  ["ea9dc754-eaaf-418b-a1dd-e021843df420", "SOL", "Solana", "18.25000000", "2024-07-01"],
  ["c7015e76-0a18-42a5-870d-1d5798479055", "LTC", "Litecoin", "3.10000000", "2024-06-01"],
  ["adc8c415-bb54-4038-aa53-7e7923ed0c98", "USD", "US Dollar", "420.00", "2024-05-01"],
  ["b7aad0b3-fecf-47cd-b8cd-fbca5d41272f", "EUR", "Euro", "150.00", "2024-04-01"],
  ["7805a0fc-5c82-40a7-b8b0-29e2f8c7efa1", "DOGE", "Dogecoin", "5000.00000000", "2024-03-01"],
  ["e58513e1-156a-4171-a457-60024c80a801", "AVAX", "Avalanche", "12.50000000", "2024-02-01"],
  ["aaaebafc-c21c-49ff-ac07-bf4ddace2a60", "POL", "Polygon", "300.00000000", "2024-01-01"],
];

export const DEMO_ACCOUNTS: readonly SandboxAccount[] = SEED.map(
  ([id, code, name, amount, created]) => account(id, code, name, amount, `${created}T09:00:00Z`),
);

// Accounts made by `account=new` consents, seen by the grants that share one (grants.ts).
const appAccounts = processSingleton(
  "sandbox.oauth-app-accounts",
  () => new Map<string, SandboxAccount>(),
);

/**
 * What `account=select` offers: every demo account, or those in the given currencies, with
 * what sends took out (as the API lists them: Connected again, the user sees the same balance).
 */
export function selectableAccounts(currencies: readonly string[]): SandboxAccount[] {
  return DEMO_ACCOUNTS.filter(
    (a) => currencies.length === 0 || currencies.includes(a.currency.code),
  ).map(withDebits);
}

/** `account=new`: an empty USDC account named after the app. */
export function createAppAccount(now = Date.now()): SandboxAccount {
  // Coinbase's timestamps carry no milliseconds.
  const createdAt = new Date(now).toISOString().replace(/\.\d{3}Z$/, "Z");
  const created: SandboxAccount = {
    ...account(randomUUID(), "USDC", "USD Coin", "0.000000", createdAt),
    name: APP_NAME,
    primary: false,
  };
  appAccounts.set(created.id, created);
  return created;
}

/** Whether the account was made by an `account=new` consent (for the app). */
export function isAppAccount(id: string): boolean {
  return appAccounts.has(id);
}

// What sends took out of each account, so balances go down as on Coinbase.
const debits = processSingleton("sandbox.oauth-account-debits", () => new Map<string, Fixed>());

/** The given accounts in the API's order (newest first); unknown ids are skipped. */
export function accountsByIds(ids: readonly string[]): SandboxAccount[] {
  const wanted = new Set(ids);
  return [...appAccounts.values(), ...DEMO_ACCOUNTS]
    .filter((a) => wanted.has(a.id))
    .map(withDebits)
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || (a.id < b.id ? -1 : 1));
}

export function findAccount(id: string): SandboxAccount | undefined {
  return accountsByIds([id])[0];
}

/** Takes `amount` out of the account's balance (the caller checked it was there). */
export function debitAccount(id: string, amount: Fixed): void {
  debits.set(id, (debits.get(id) ?? 0n) + amount);
}

function withDebits(account: SandboxAccount): SandboxAccount {
  const debit = debits.get(account.id);
  if (!debit) return account;
  const decimals = account.balance.amount.split(".")[1]?.length ?? 0;
  const amount = format(fixed(account.balance.amount) - debit, decimals);
  return { ...account, balance: { ...account.balance, amount } };
}
