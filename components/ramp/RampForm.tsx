"use client";

import { useId, useState, type FormEvent } from "react";
import { checkAddress } from "@/lib/ramp/addresses";
import { ASSETS, CASHOUT_METHODS, FIAT_CURRENCIES, PAYMENT_METHODS, findAsset, findNetwork } from "@/lib/ramp/catalog";
import { OfframpRequestSchema, OnrampRequestSchema, toFieldIssues } from "@/lib/ramp/schemas";
import { Field, SelectField } from "./fields";
import { type RampFormValues, type Side, initialValues, toRequestBody, withAsset } from "./form-state";
import { UrlPreview } from "./UrlPreview";
import { submitRamp } from "./submit-ramp";

interface Props {
  side: Side;
  payBaseUrl: string;
  redirectUrl: string;
  partnerUserRef: string;
}

type Errors = Partial<Record<"address" | "network" | "amount" | "fiatCurrency" | "method" | "form", string>>;

/** The buy or sell form: checks as the user types, mints on submit, then leaves for Coinbase. */
export function RampForm({ side, payBaseUrl, redirectUrl, partnerUserRef }: Props) {
  const [values, setValues] = useState<RampFormValues>(() => initialValues(side));
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);
  const id = useId();
  const asset = findAsset(values.asset);
  const methods = side === "buy" ? PAYMENT_METHODS : CASHOUT_METHODS;

  function update(patch: Partial<RampFormValues>) {
    setValues((v) => ({ ...v, ...patch }));
  }

  function onAddressChange(address: string) {
    update({ address });
    const check = address === "" ? null : checkAddress(values.network, address);
    setErrors((e) => ({ ...e, address: check && !check.ok ? check.reason : undefined }));
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const body = toRequestBody(side, values, partnerUserRef);
    const schema = side === "buy" ? OnrampRequestSchema : OfframpRequestSchema;
    const parsed = schema.safeParse(body);
    const local: Errors = {};
    const address = checkAddress(values.network, values.address);
    if (!address.ok) local.address = address.reason;
    if (!parsed.success) Object.assign(local, fieldErrors(toFieldIssues(parsed.error)), local);
    if (side === "sell" && !values.amount.trim()) local.amount = "Enter how much you want to sell";
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    setPending(true);
    setErrors({});
    const result = await submitRamp(side, body);
    if (result.ok) {
      window.location.assign(result.url);
      return; // stay pending while the browser leaves
    }
    setErrors({ ...fieldErrors(result.issues), form: result.message });
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-busy={pending}>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Asset" value={values.asset} onChange={(v) => update(withAsset(values, v))}
          options={ASSETS.map((a) => ({ value: a.symbol, label: `${a.name} (${a.symbol})` }))} />
        <SelectField label="Network" value={values.network} error={errors.network}
          onChange={(v) => { update({ network: v }); setErrors((e) => ({ ...e, address: undefined, network: undefined })); }}
          options={(asset?.networks ?? []).map((n) => ({ value: n, label: findNetwork(n)?.name ?? n }))} />
      </div>
      <Field label={side === "buy" ? "Wallet address to receive" : "Wallet address you sell from"} value={values.address}
        onChange={onAddressChange} error={errors.address} mono autoComplete="off"
        hint={`Your address on ${findNetwork(values.network)?.name ?? values.network}`} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Amount in</legend>
        <div className="flex gap-4">
          {(["fiat", "crypto"] as const).map((kind) => (
            <label key={kind} className="flex items-center gap-2 text-sm">
              <input type="radio" name={`${id}-amount-in`} value={kind} checked={values.amountIn === kind}
                onChange={() => update({ amountIn: kind })} />
              {kind === "fiat" ? `Fiat (${values.fiatCurrency})` : `Crypto (${values.asset})`}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={`Amount (${values.amountIn === "fiat" ? values.fiatCurrency : values.asset})`} value={values.amount}
          onChange={(amount) => { update({ amount }); setErrors((e) => ({ ...e, amount: undefined })); }}
          error={errors.amount} inputMode="decimal" />
        <SelectField label="Currency" value={values.fiatCurrency} error={errors.fiatCurrency}
          onChange={(v) => { update({ fiatCurrency: v as RampFormValues["fiatCurrency"] }); setErrors((e) => ({ ...e, fiatCurrency: undefined })); }}
          options={FIAT_CURRENCIES.map((c) => ({ value: c.code, label: `${c.code}: ${c.name}` }))} />
      </div>
      <SelectField label={side === "buy" ? "Payment method" : "Cash out to"} value={values.method}
        onChange={(v) => update({ method: v as RampFormValues["method"] })}
        options={methods.map((m) => ({ value: m.id, label: m.name }))} />
      <p aria-live="polite" className="text-sm text-red-700" role={errors.form ? "alert" : undefined}>
        {errors.form}
      </p>
      <button type="submit" disabled={pending}
        className="w-full rounded-full bg-blue-700 px-5 py-3 font-medium text-white hover:bg-blue-800 disabled:cursor-wait disabled:opacity-70 sm:w-auto">
        {pending ? "Opening Coinbase…" : "Continue to Coinbase"}
      </button>
      <UrlPreview side={side} values={values} payBaseUrl={payBaseUrl} redirectUrl={redirectUrl} partnerUserRef={partnerUserRef} />
    </form>
  );
}

/** Maps API/schema field paths onto the form's fields. */
function fieldErrors(issues: { path: string; message: string }[]): Errors {
  const map: Record<string, keyof Errors> = {
    address: "address", network: "network", fiatAmount: "amount", cryptoAmount: "amount",
    fiatCurrency: "fiatCurrency", paymentMethod: "method", cashoutMethod: "method",
  };
  const errors: Errors = {};
  for (const issue of issues) {
    const field = map[issue.path] ?? "form";
    errors[field] ??= issue.message;
  }
  return errors;
}
