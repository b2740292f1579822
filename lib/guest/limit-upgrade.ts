/**
 * Coinbase's offer to raise a guest's limits (`limitUpgradeOptions` of `POST /v2/onramp/limits`)
 * as the limits panel uses it: where it stands, and what the user would get and give.
 * Browser-safe.
 */
import { moneyAmount } from "@/lib/ramp/money-text";

/** Coinbase's "no limit" on the lifetime count: never a figure to show. */
export const UNLIMITED_PURCHASES = 2147483647;

/** The OpenAPI's statuses; "unavailable" stands for any it does not list (nothing offered). */
export type UpgradeStatus =
  "unrequested" | "resubmit" | "pending" | "active" | "inactive" | "unavailable";

export interface UpgradeOption {
  status: UpgradeStatus;
  fields: string[];
  limitUpgrades: { limitType: string; maxUpgrade: string }[];
}

export interface LimitUpgrade {
  status: UpgradeStatus;
  /** To give (unrequested, resubmit) or under review (pending). */
  fields: string[];
  /** USD a week once raised. */
  maxWeekly?: string;
  maxPurchases?: number | "unlimited";
}

/**
 * What `POST /api/guest/limits/upgrade` answers: Coinbase's page, to frame, with how long its
 * link works, in seconds by the server's clock (a browser's may be minutes off, which would
 * close the page at once or never); absent when Coinbase's `expiresAt` is not a date.
 */
export interface LimitUpgradeLink {
  upgradeUrl: string;
  expiresAt: string;
  expiresInSeconds?: number;
}

/** Seconds from `now` until `expiresAt`, 0 once it has passed; undefined if it is no date. */
export function secondsUntil(expiresAt: string, now = Date.now()): number | undefined {
  const expires = Date.parse(expiresAt);
  return Number.isNaN(expires) ? undefined : Math.max(0, Math.floor((expires - now) / 1000));
}

export function readUpgrade(options: UpgradeOption[] | undefined): LimitUpgrade | undefined {
  const option = options?.[0];
  if (!option) return undefined;
  const max = (type: string) => option.limitUpgrades.find((l) => l.limitType === type)?.maxUpgrade;
  const weekly = max("weekly_spending");
  const count = max("lifetime_transactions");
  return {
    status: option.status,
    fields: option.fields,
    ...(weekly ? { maxWeekly: weekly } : {}),
    ...(count
      ? { maxPurchases: Number(count) >= UNLIMITED_PURCHASES ? "unlimited" : Number(count) }
      : {}),
  };
}

/** Whether the user can ask now: never asked, or asked again for some details. */
export function upgradeOffered(upgrade: LimitUpgrade | undefined): upgrade is LimitUpgrade {
  return upgrade?.status === "unrequested" || upgrade?.status === "resubmit";
}

const FIELD_NAMES: Record<string, string> = {
  ssnLast4: "the last 4 digits of your SSN",
  dateOfBirth: "your date of birth",
};

/**
 * "Coinbase can raise your limits to $2,500 a week (with the last 4 digits of your SSN and
 * your date of birth)." The figures are Coinbase's; the details are those it asks for.
 */
export function upgradeOfferText(upgrade: LimitUpgrade): string {
  const raised: string[] = [];
  if (upgrade.maxWeekly)
    raised.push(`${moneyAmount(upgrade.maxWeekly, "USD").replace(/\.00$/, "")} a week`);
  if (upgrade.maxPurchases === "unlimited") raised.push("no limit on the number of purchases");
  else if (upgrade.maxPurchases !== undefined)
    raised.push(`${upgrade.maxPurchases} guest purchases in all`);
  const given = upgrade.fields.flatMap((f) => FIELD_NAMES[f] ?? []);
  const to = raised.length ? ` to ${raised.join(" and ")}` : "";
  const withWhat = given.length ? ` (with ${given.join(" and ")})` : "";
  return `Coinbase can raise your limits${to}${withWhat}.`;
}
