/**
 * Coinbase's guest limits (`POST /v2/onramp/limits`) as the form uses them: what is left
 * in the 7 days and how many purchases are left, shown before any order, and the check that
 * refuses an amount above what is left, with the figure. Browser-safe.
 */
import { moneyAmount } from "@/lib/ramp/money-text";
import {
  readUpgrade,
  UNLIMITED_PURCHASES,
  type LimitUpgrade,
  type UpgradeOption,
} from "./limit-upgrade";

export interface LimitEntry {
  limitType: string;
  currency?: string;
  limit: string;
  remaining: string;
}

export interface GuestLimits {
  weekly?: { limit: string; remaining: string; currency: string };
  purchases?: { limit: number; remaining: number };
  /** How Coinbase would raise them (lib/guest/limit-upgrade.ts); absent where it offers none. */
  upgrade?: LimitUpgrade;
}

export function readLimits(entries: LimitEntry[], upgradeOptions?: UpgradeOption[]): GuestLimits {
  const upgrade = readUpgrade(upgradeOptions);
  const weekly = entries.find((e) => e.limitType === "weekly_spending");
  const count = entries.find((e) => e.limitType === "lifetime_transactions");
  return {
    ...(weekly
      ? {
          weekly: {
            limit: weekly.limit,
            remaining: weekly.remaining,
            currency: weekly.currency ?? "USD",
          },
        }
      : {}),
    ...(count
      ? { purchases: { limit: Number(count.limit), remaining: Number(count.remaining) } }
      : {}),
    ...(upgrade ? { upgrade } : {}),
  };
}

/**
 * "$120.00 of $500.00 left in your 7-day limit" (Coinbase's window slides: a purchase counts
 * for 168 hours), "9 of 15 guest purchases left"; once raised, Coinbase's
 * 2147483647 purchases mean no limit, and are said so.
 */
export function describeLimits(limits: GuestLimits): string[] {
  const lines: string[] = [];
  const { weekly, purchases } = limits;
  if (weekly)
    lines.push(
      `${moneyAmount(weekly.remaining, weekly.currency)} of ${moneyAmount(weekly.limit, weekly.currency)} left in your 7-day limit`,
    );
  if (purchases)
    lines.push(
      purchases.limit >= UNLIMITED_PURCHASES
        ? "No limit on the number of guest purchases"
        : `${purchases.remaining} of ${purchases.limit} guest purchases left`,
    );
  return lines;
}

/**
 * The lifetime count used up: unlike the weekly limit this never comes back, so guest
 * checkout is over for this user and a Coinbase account is the way on. Null otherwise.
 */
export function purchasesUsedUp(limits: GuestLimits): string | null {
  if (!limits.purchases || limits.purchases.remaining > 0) return null;
  return `You have used all ${limits.purchases.limit} guest purchases: continue with a Coinbase account to buy more`;
}

/** Why `amount` (USD, a plain decimal) cannot be bought now, or null when it can. */
export function limitProblem(limits: GuestLimits, amount: string): string | null {
  const usedUp = purchasesUsedUp(limits);
  if (usedUp) return usedUp;
  const left = limits.weekly ? cents(limits.weekly.remaining) : null;
  if (left !== null && left <= 0)
    return `You have no guest spending left in your 7-day limit of ${moneyAmount(limits.weekly!.limit, limits.weekly!.currency)}: it comes back as your purchases turn 7 days old`;
  const wanted = cents(amount);
  if (left !== null && wanted !== null && wanted > left)
    return `You can spend at most ${moneyAmount(limits.weekly!.remaining, limits.weekly!.currency)} more for now (a 7-day limit)`;
  return null;
}

/** Whether any purchase at all is still possible. */
export function canStillBuy(limits: GuestLimits): boolean {
  return limitProblem(limits, "0") === null;
}

// Whole cents, so "120.5" and "120.50" compare equal; null for what is not a plain amount.
function cents(value: string): number | null {
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}
