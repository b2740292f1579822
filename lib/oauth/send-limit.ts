import type { SendLimitPeriod } from "./scopes";

/**
 * The send-limit arithmetic, shared by the app (what is left, checked before sending) and
 * the sandbox (what Coinbase enforces). Money is counted in whole cents of the limit's
 * currency, so "50 − 20.01" is exactly 29.99. Periods are rolling windows ending now:
 * Coinbase does not document calendar boundaries, and a window never lets a user send
 * twice the limit across midnight.
 */
export interface SendLimit {
  amount: string;
  currency: string;
  period: SendLimitPeriod;
}

const DAY_MS = 24 * 60 * 60 * 1000;
export const PERIOD_MS: Record<SendLimitPeriod, number> = {
  day: DAY_MS,
  week: 7 * DAY_MS,
  month: 30 * DAY_MS,
  year: 365 * DAY_MS,
};

/** The window a limit's period counts, as the pages name it ("per month" is no calendar month). */
export const PERIOD_WINDOW: Record<SendLimitPeriod, string> = {
  day: "the last 24 hours",
  week: "the last 7 days",
  month: "the last 30 days",
  year: "the last 365 days",
};

/** A send already made, in the limit's currency (Coinbase's `native_amount`). */
export interface PastSend {
  amount: string;
  createdAt: number;
}

const MONEY = /^-?(\d{1,15})(?:\.(\d+))?$/;

/** "20.5" → 2050 cents; fractions of a cent round up (a send never counts for less). */
export function toCents(amount: string): number | undefined {
  const match = MONEY.exec(amount.trim());
  if (!match) return undefined;
  const fraction = match[2] ?? "";
  const cents = Number(match[1]) * 100 + Number(fraction.slice(0, 2).padEnd(2, "0"));
  return /[1-9]/.test(fraction.slice(2)) ? cents + 1 : cents;
}

export function fromCents(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}

/**
 * Cents sent within the period that ends now. A send stamped later than now counts too: it
 * was made, and Coinbase's clock may run ahead of this server's.
 */
export function usedCents(limit: SendLimit, sends: PastSend[], now = Date.now()): number {
  const since = now - PERIOD_MS[limit.period];
  return sends
    .filter((s) => s.createdAt > since)
    .reduce((sum, s) => sum + Math.abs(toCents(s.amount) ?? 0), 0);
}

/** What may still be sent in this period, in cents, never below zero. */
export function remainingCents(limit: SendLimit, sends: PastSend[], now = Date.now()): number {
  return Math.max(0, (toCents(limit.amount) ?? 0) - usedCents(limit, sends, now));
}

/** The value of `amount` units at `price` (limit currency per unit), in cents, rounded up. */
export function valueInCents(amount: string, price: string): number | undefined {
  const a = toUnits(amount);
  const p = toUnits(price);
  if (a === undefined || p === undefined) return undefined;
  // Both at 10^-18; cents are 10^-2: divide by 10^34, rounding up.
  const scaled = a * p;
  const unit = 10n ** 34n;
  return Number(scaled / unit + (scaled % unit === 0n ? 0n : 1n));
}

// USDC's token has 6 decimals, and Coinbase refuses a send with more ("… can only have up to
// N decimals"); other currencies take up to 8, what a send's amount may have (SendSchema).
const SEND_DECIMALS: Record<string, number> = { USDC: 6 };

/** How many decimals a send of `currency` may have. */
export function sendDecimals(currency: string): number {
  return SEND_DECIMALS[currency] ?? 8;
}

/** Why `amount` cannot be sent in `currency` for its decimals, or undefined when it can. */
export function tooManyDecimals(amount: string, currency: string): string | undefined {
  const most = sendDecimals(currency);
  const written = amount.trim().split(".")[1]?.length ?? 0;
  return written > most ? `${currency} amounts have at most ${most} decimals` : undefined;
}

/**
 * The most that can be sent for `cents` at `price`, to the decimals a send takes (8 unless
 * `decimals` says fewer), so that `valueInCents` of it is at most `cents`: "0.00083333" for
 * 5000 cents at 60000.
 */
export function mostWithin(cents: number, price: string, decimals = 8): string | undefined {
  const p = toUnits(price);
  if (p === undefined || p === 0n) return undefined;
  // amount × 10^8 × price × 10^18 ≤ cents × 10^24, the cents at the same scale; then cut to
  // `decimals` (down, so it still fits).
  const exact = (BigInt(cents) * 10n ** 24n) / p;
  const units = exact - (exact % 10n ** BigInt(8 - Math.min(8, decimals)));
  const whole = units / 10n ** 8n;
  const fraction = String(units % 10n ** 8n)
    .padStart(8, "0")
    .replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : String(whole);
}

// Exact decimals (up to 18 places) as bigints of 10^-18.
/** Whether decimal `a` is more than `b`, exactly (no float rounding); numbers when too long. */
export function isMoreThan(a: string, b: string): boolean {
  const x = toUnits(a);
  const y = toUnits(b);
  return x !== undefined && y !== undefined ? x > y : Number(a) > Number(b);
}

function toUnits(value: string): bigint | undefined {
  const match = /^(\d{1,15})(?:\.(\d{1,18}))?$/.exec(value.trim());
  if (!match) return undefined;
  return BigInt(match[1] ?? "0") * 10n ** 18n + BigInt((match[2] ?? "").padEnd(18, "0"));
}
