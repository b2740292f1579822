import type { FieldIssue } from "@/lib/http/app-error";

/** How a refused purchase shows: which codes end guest checkout, which field an issue is on. */
export type PurchaseErrors = Partial<
  Record<"asset" | "network" | "address" | "amount" | "form", string>
>;

/** Codes after which guest checkout cannot go on: a Coinbase account is the way. */
export const BLOCKING_CODES = new Set([
  "guest_region_forbidden",
  "guest_permission_denied",
  "guest_transaction_count",
]);

const FIELDS = new Set(["asset", "network", "address", "amount"]);

/** Issues on the form's fields, the rest (or `fallback` when there are none) on the form. */
export function toPurchaseErrors(issues: FieldIssue[], fallback?: string): PurchaseErrors {
  const errors: PurchaseErrors = {};
  for (const issue of issues) {
    const key = (FIELDS.has(issue.path) ? issue.path : "form") as keyof PurchaseErrors;
    errors[key] ??= issue.message;
  }
  return Object.keys(errors).length || !fallback ? errors : { form: fallback };
}
