import type { Region } from "@/lib/ramp/countries";
import type { RampFormValues, Side } from "./form-state";

/**
 * The form as the user left it (to sign in, for Coinbase, or by a reload), kept in this
 * tab's sessionStorage (nothing leaves the browser), so the page they come back to is the
 * one they left.
 */
export interface RampDraft {
  values: RampFormValues;
  region: Region;
}

const key = (side: Side) => `ramp-draft:${side}`;

export function saveDraft(side: Side, draft: RampDraft): void {
  try {
    sessionStorage.setItem(key(side), JSON.stringify(draft));
  } catch {
    // Storage disabled or full: the user fills the form again, nothing worse.
  }
}

/** The saved draft, if any (it stays: the form keeps it current). */
export function readDraft(side: Side): RampDraft | null {
  try {
    const raw = sessionStorage.getItem(key(side));
    const draft: unknown = raw ? JSON.parse(raw) : null;
    return isDraft(draft) ? draft : null;
  } catch {
    return null;
  }
}

const FIELDS = ["asset", "network", "address", "amount", "fiatCurrency", "method"] as const;

/**
 * Whether a kept draft has the form's shape. One kept by an earlier version of the app (the
 * tab stays open across a deploy) or edited by hand is dropped, not handed to the form,
 * where a missing or odd field would break the page.
 */
function isDraft(draft: unknown): draft is RampDraft {
  const { values, region } = (draft ?? {}) as Record<string, Record<string, unknown> | undefined>;
  return (
    typeof values === "object" &&
    values !== null &&
    FIELDS.every((field) => typeof values[field] === "string") &&
    (values.amountIn === "fiat" || values.amountIn === "crypto") &&
    typeof region?.country === "string" &&
    (region.subdivision === undefined || typeof region.subdivision === "string")
  );
}

/** Saves the form and goes to the sign-in page, which brings the user back here. */
export function signInAndReturn(side: Side, draft: RampDraft): void {
  saveDraft(side, draft);
  // A full load, as for any link to the sign-in page.
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  window.location.assign(`/sign-in?next=${encodeURIComponent(`/${side}`)}`);
}
