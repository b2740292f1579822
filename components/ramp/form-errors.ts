import { LOAD_FAILED } from "@/components/shared/load-once";
import { UNREACHABLE } from "@/components/shared/post-json";
import { limitProblem, type RampOptions } from "@/lib/ramp/options";
import { otherCurrencySign, otherCurrencyText } from "@/lib/ramp/typed-money";
import { typedAmount, type RampFormValues, type Side } from "./form-state";
import type { Validation } from "./load-validation";

/** The buy/sell form's inline errors, one per field, and one for the whole form. */
export type Errors = Partial<
  Record<"address" | "network" | "amount" | "fiatCurrency" | "method" | "form", string>
>;

/** Maps API/schema field paths onto the form's fields. */
export function fieldErrors(issues: { path: string; message: string }[]): Errors {
  const map: Record<string, keyof Errors> = {
    address: "address",
    network: "network",
    fiatAmount: "amount",
    cryptoAmount: "amount",
    fiatCurrency: "fiatCurrency",
    paymentMethod: "method",
    cashoutMethod: "method",
  };
  const errors: Errors = {};
  for (const issue of issues) {
    const field = map[issue.path] ?? "form";
    errors[field] ??= issue.message;
  }
  return errors;
}

/**
 * Everything checked in the browser before a submit or a hand-off: the request body against
 * the route's own schema, the address for its network, the method's limits, and what
 * Coinbase already refused for exactly these values (`refusal`, in its words).
 */
export function localErrors(
  validation: Validation,
  form: {
    side: Side;
    body: Record<string, unknown>;
    values: RampFormValues;
    /** The amount outside the method's limits, in words (`amountLimitProblem`). */
    overLimit?: string | null;
    refusal?: string;
  },
): Errors {
  const { side, body, values } = form;
  const { checkAddress, OfframpRequestSchema, OnrampRequestSchema, toFieldIssues } = validation;
  const parsed = (side === "buy" ? OnrampRequestSchema : OfframpRequestSchema).safeParse(body);
  const errors: Errors = parsed.success ? {} : fieldErrors(toFieldIssues(parsed.error));
  const address = checkAddress(values.network, values.address);
  if (!address.ok) errors.address = address.reason;
  if (side === "sell" && !values.amount.trim()) errors.amount = "Enter how much you want to sell";
  const sign = values.amountIn === "fiat" && otherCurrencySign(values.amount, values.fiatCurrency);
  if (sign) errors.amount = otherCurrencyText(sign, values.fiatCurrency);
  if (form.overLimit) errors.amount = form.overLimit;
  if (form.refusal) errors.amount ??= form.refusal;
  return errors;
}

/**
 * The amount outside the method's limits (as the options give them), in words; else null.
 * An amount in the asset is measured by its `worth` in the currency, when that is known. A
 * sale's worth is Coinbase's own figure, and the reason says it as our API does when
 * Coinbase refuses that sale (lib/cdp/limit-errors.ts); a purchase's is an estimate.
 */
export function amountLimitProblem(
  side: Side,
  values: RampFormValues,
  options: RampOptions,
  worth?: number | null,
): string | null {
  const amount =
    values.amountIn === "fiat" ? typedAmount(values) : worth != null ? String(worth) : "";
  if (!amount) return null;
  const quotedWorth = side === "sell" && values.amountIn === "crypto";
  return limitProblem(options, values.fiatCurrency, values.method, amount, quotedWorth);
}

/**
 * The errors shown, checked again (`found`: the local checks now) after a change of region,
 * whose options may have changed the asset, network, currency or method: each field showing
 * one shows what is still wrong with it, if anything, and a typed address is checked for the
 * network the form ends on. Other fields stay quiet until the submit. The amount's limits
 * are not among `found`: the form says them as it changes, for the region's own limits.
 */
export function recheckedErrors(shown: Errors, found: Errors, addressTyped: boolean): Errors {
  const fields = (Object.keys(shown) as (keyof Errors)[]).filter((f) => f !== "form" && shown[f]);
  if (addressTyped) fields.push("address");
  return { form: shown.form, ...Object.fromEntries(fields.map((f) => [f, found[f]])) };
}

/**
 * The errors without the form's own one when it said the connection failed (the server not
 * reached, the checks not loaded): that was about the last press, not the form as it is now
 * changed or with the connection back. Anything else stays (the same object: no re-render).
 */
export function withoutConnectionError(errors: Errors): Errors {
  const lost = errors.form === UNREACHABLE || errors.form === LOAD_FAILED;
  return lost ? { ...errors, form: undefined } : errors;
}

/** The errors once the user changed `fields`: theirs go, and a failed connection's with them. */
export function withoutErrors(errors: Errors, fields: (keyof Errors)[]): Errors {
  const cleared = Object.fromEntries(fields.map((field) => [field, undefined]));
  return withoutConnectionError(fields.length ? { ...errors, ...cleared } : errors);
}
