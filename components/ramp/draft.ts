import type { Region } from "@/lib/ramp/countries";
import { saveSessionDraft } from "@/components/shared/session-draft";
import { signInAndComeBackTo } from "@/components/shared/sign-in-and-back";
import type { RampFormValues, Side } from "./form-state";

/** The buy or sell form as the user left it (see session-draft.ts): region and values. */
export interface RampDraft {
  values: RampFormValues;
  region: Region;
}

export const draftKey = (side: Side) => `ramp-draft:${side}`;

export function saveDraft(side: Side, draft: RampDraft): void {
  saveSessionDraft(draftKey(side), draft);
}

const FIELDS = ["asset", "network", "address", "amount", "fiatCurrency", "method"] as const;

/** Whether a kept draft has the form's shape, each field of its type. */
export function isDraft(draft: unknown): draft is RampDraft {
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

// Fields that mean something only together: an amount in its unit, an asset on its network.
const TOGETHER: (keyof RampFormValues)[][] = [
  ["amount", "amountIn", "fiatCurrency"],
  ["asset", "network"],
  ["address"],
  ["method"],
];

/**
 * The kept values, but for what the user changed on the page as the server sent it (`shown`)
 * before its script ran: a slow phone reloading shows the form before the draft comes back,
 * and what is typed then is newer than the draft. Each group of fields comes whole from one
 * or the other (120 typed in USD must not become 120 of the kept ETH).
 */
export function keptUnlessTyped(
  kept: RampFormValues,
  now: RampFormValues,
  shown: RampFormValues,
): RampFormValues {
  const typed = TOGETHER.filter((group) => group.some((field) => now[field] !== shown[field]));
  return { ...kept, ...Object.fromEntries(typed.flat().map((field) => [field, now[field]])) };
}

/** Saves the form and goes to the sign-in page, which brings the user back here. */
export function signInAndReturn(side: Side, draft: RampDraft): void {
  saveDraft(side, draft);
  signInAndComeBackTo(`/${side}`);
}
