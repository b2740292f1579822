import type { Region } from "@/lib/ramp/countries";
import { saveSessionDraft } from "@/components/shared/session-draft";
import { signInAndComeBackTo } from "@/components/shared/sign-in-and-back";
import { amountClearedFor, type RampFormValues, type Side } from "./form-state";

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

type Field = keyof RampFormValues;
// Fields that mean something only together: an amount in its unit, an asset on its network.
const AMOUNT: Field[] = ["amount", "amountIn", "fiatCurrency"];
const ASSET: Field[] = ["asset", "network"];
const TOGETHER: Field[][] = [AMOUNT, ASSET, ["address"], ["method"]];

/**
 * The kept values, but for what the user changed on the page as the server sent it (`shown`)
 * before its script ran: a slow phone reloading shows the form before the draft comes back,
 * and what is typed then is newer than the draft. Each group of fields comes whole from one
 * or the other (120 typed in USD must not become 120 of the kept ETH). An amount in the asset
 * is a number of that asset only: one typed then comes with the asset it was typed beside;
 * one kept, with another asset picked then (0.5 kept in ETH, BTC picked), is emptied, and
 * `note` says so, as a change of asset on the form does.
 */
export function keptUnlessTyped(
  kept: RampFormValues,
  now: RampFormValues,
  shown: RampFormValues,
): { values: RampFormValues; note: string | null } {
  const changed = (group: Field[]) => group.some((field) => now[field] !== shown[field]);
  const amountFrom = changed(AMOUNT) ? now : kept;
  const inAsset = amountFrom.amountIn === "crypto" && amountFrom.amount !== "";
  const typed = TOGETHER.filter(
    (group) => changed(group) || (group === ASSET && inAsset && amountFrom === now),
  );
  const values = {
    ...kept,
    ...Object.fromEntries(typed.flat().map((field) => [field, now[field]])),
  };
  if (!inAsset || values.asset === amountFrom.asset) return { values, note: null };
  return {
    values: { ...values, amount: "" },
    note: amountClearedFor(values.asset),
  };
}

/** Saves the form and goes to the sign-in page, which brings the user back here. */
export function signInAndReturn(side: Side, draft: RampDraft): void {
  saveDraft(side, draft);
  signInAndComeBackTo(`/${side}`);
}
