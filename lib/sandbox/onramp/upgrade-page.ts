import "server-only";
import { getConfig } from "@/lib/config/env";
import { limitUpgrade, submitUpgrade, takesRequest } from "./limit-upgrades";
import {
  dateOfBirthError,
  dateOfBirthFromInput,
  ssnError,
  type FieldError,
  type FieldKey,
} from "./upgrade-fields";
import { upgradeSession } from "./upgrade-sessions";

/**
 * The hosted upgrade page (`/v2/api-onramp/upgrade-limits?sessionToken=…` on the pay host):
 * what it shows, and what its form's POST does. The form posts to `…/upgrade-limits/submit`,
 * which answers 303 back to the page: the page reads the outcome from the session (submitted)
 * or from the `error` codes in its URL (never the values typed: they are not kept anywhere).
 */
export const UPGRADE_PAGE_PATH = "/v2/api-onramp/upgrade-limits";

export const FIELD_ERROR_TEXT: Record<FieldError, string> = {
  ssn_invalid: "Enter the last 4 digits of your Social Security number.",
  date_invalid: "Enter your date of birth: a real date, in the past.",
  date_under_18: "You must be at least 18 to raise your limits.",
};
const FIELD_OF: Record<FieldError, FieldKey> = {
  ssn_invalid: "ssnLast4",
  date_invalid: "dateOfBirth",
  date_under_18: "dateOfBirth",
};

export type UpgradePage =
  | { state: "expired" }
  | { state: "submitted" }
  | { state: "form"; sessionToken: string; errors: Partial<Record<FieldKey, string>> };

export function upgradePage(token: unknown, errorCodes: unknown, now = Date.now()): UpgradePage {
  const session = upgradeSession(token, now);
  if (!session) return { state: "expired" };
  if (session.submitted) return { state: "submitted" };
  // Details given another way meanwhile (api mode): this link has nothing left to take.
  if (!takesRequest(limitUpgrade(session.phoneNumber, now).status)) return { state: "expired" };
  const errors: Partial<Record<FieldKey, string>> = {};
  for (const code of [errorCodes].flat())
    if (typeof code === "string" && code in FIELD_OF)
      errors[FIELD_OF[code as FieldError]] = FIELD_ERROR_TEXT[code as FieldError];
  return { state: "form", sessionToken: token as string, errors };
}

/** The form's POST: records valid details once, then back to the page (303) either way. */
export async function handleUpgradeForm(request: Request, now = Date.now()): Promise<Response> {
  const form = await request.formData().catch(() => new FormData());
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value.trim() : "";
  };
  const token = text("sessionToken");
  const back = new URL(`${getConfig().ramp.payBaseUrl}${UPGRADE_PAGE_PATH}`);
  back.searchParams.set("sessionToken", token);
  const session = upgradeSession(token, now);
  if (
    session &&
    !session.submitted &&
    takesRequest(limitUpgrade(session.phoneNumber, now).status)
  ) {
    const ssnLast4 = text("ssnLast4");
    const dateOfBirth = dateOfBirthFromInput(text("dateOfBirth"));
    const errors = [
      ssnError(ssnLast4),
      dateOfBirth ? dateOfBirthError(dateOfBirth, now) : "date_invalid",
    ].filter((e): e is FieldError => e !== null);
    for (const error of errors) back.searchParams.append("error", error);
    if (!errors.length) {
      submitUpgrade(session.phoneNumber, { ssnLast4, dateOfBirth: dateOfBirth! }, now);
      session.submitted = true;
    }
  }
  return new Response(null, { status: 303, headers: { location: back.toString() } });
}
