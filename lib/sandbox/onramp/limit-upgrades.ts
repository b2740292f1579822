import "server-only";
import { processSingleton } from "@/lib/process/singleton";
import { FIELD_KEYS, type FieldKey } from "./upgrade-fields";

/**
 * Each phone number's limit upgrade (OpenAPI `OnrampLimitUpgradeOption`), in memory. A
 * submission is `pending` for 6 seconds (long enough for a page that asks every 3 s to see it),
 * then reviewed by its SSN digits (sandbox test values):
 * `0000` asks for them again (`resubmit`), `9999` is refused for good (`inactive`), `8888`
 * stays under review (Coinbase's review is asynchronous: a page left open meanwhile), any other
 * is `active`. The review is read when the status is asked for: no timer runs.
 */
export type UpgradeStatus = "unrequested" | "pending" | "active" | "resubmit" | "inactive";
type Verdict = { status: "active" | "inactive" } | { status: "resubmit"; fields: FieldKey[] };

interface Upgrade {
  status: UpgradeStatus;
  fields: FieldKey[];
  submittedAt?: number;
  verdict?: Verdict;
}

export const REVIEW_MS = 6000;
export const UPGRADED_WEEKLY_USD = "2500";
// The OpenAPI's figure for "no limit on the number of purchases".
export const UPGRADED_PURCHASES = 2147483647;
export const RESUBMIT_SSN = "0000";
export const REFUSED_SSN = "9999";
export const UNDER_REVIEW_SSN = "8888";
const MAX_KEPT = 10_000;

const store = () =>
  processSingleton("sandbox.onramp-limit-upgrades", () => new Map<string, Upgrade>());

export function limitUpgrade(phoneNumber: string, now = Date.now()) {
  const upgrade = store().get(phoneNumber);
  if (!upgrade) return { status: "unrequested" as const, fields: [...FIELD_KEYS] };
  if (upgrade.status === "pending" && upgrade.verdict && now - upgrade.submittedAt! >= REVIEW_MS) {
    upgrade.status = upgrade.verdict.status;
    upgrade.fields = upgrade.verdict.status === "resubmit" ? upgrade.verdict.fields : [];
    delete upgrade.verdict;
  }
  return { status: upgrade.status, fields: [...upgrade.fields] };
}

/** Only `unrequested` and `resubmit` take a request (a URL, or fields). */
export const takesRequest = (status: UpgradeStatus) =>
  status === "unrequested" || status === "resubmit";

export function submitUpgrade(
  phoneNumber: string,
  fields: { ssnLast4?: string; dateOfBirth?: unknown },
  now = Date.now(),
): void {
  const given = FIELD_KEYS.filter((key) => fields[key] !== undefined);
  store().set(phoneNumber, {
    status: "pending",
    fields: given,
    submittedAt: now,
    verdict: verdictOf(fields.ssnLast4),
  });
  if (store().size > MAX_KEPT) store().delete(store().keys().next().value!);
}

function verdictOf(ssnLast4: string | undefined): Verdict | undefined {
  if (ssnLast4 === UNDER_REVIEW_SSN) return undefined;
  if (ssnLast4 === RESUBMIT_SSN) return { status: "resubmit", fields: ["ssnLast4"] };
  if (ssnLast4 === REFUSED_SSN) return { status: "inactive" };
  return { status: "active" };
}

/** `limitUpgradeOptions` of the limits answer. */
export function limitUpgradeOptions(phoneNumber: string, now = Date.now()) {
  return [
    {
      ...limitUpgrade(phoneNumber, now),
      limitUpgrades: [
        { limitType: "weekly_spending", maxUpgrade: UPGRADED_WEEKLY_USD },
        { limitType: "lifetime_transactions", maxUpgrade: String(UPGRADED_PURCHASES) },
      ],
    },
  ];
}
