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
