"use client";

import { useEffect, useId, useState, type FormEvent } from "react";
import { postJson } from "@/components/shared/post-json";
import { CASHOUT_METHODS, PAYMENT_METHODS, findNetwork } from "@/lib/ramp/catalog";
import type { Region } from "@/lib/ramp/countries";
import { limitProblem, type RampOptions } from "@/lib/ramp/options";
import { Field, SelectField } from "./fields";
import {
  type RampFormValues,
  type Side,
  conform,
  initialValues,
  sameQuoteRequest,
  toQuoteRequest,
  toRequestBody,
} from "./form-state";
import { signInAndReturn, takeDraft } from "./draft";
import { HandoffPanel } from "./HandoffPanel";
import { GuestCheckoutEntry } from "@/components/guest/GuestCheckoutEntry";
import { useValidation } from "./load-validation";
import { QuotePanel } from "./QuotePanel";
import { RegionFields } from "./RegionFields";
import { UrlPreview } from "./UrlPreview";
import { useQuote } from "./use-quote";
import { useRampOptions } from "./use-ramp-options";

interface Props {
  side: Side;
  payBaseUrl: string;
  redirectUrl: string;
  /** The signed-in user's id, which is their `partnerUserRef`; null when signed out. */
  partnerUserRef: string | null;
  initialRegion: Region;
  initialOptions: RampOptions;
}

type Errors = Partial<
  Record<"address" | "network" | "amount" | "fiatCurrency" | "method" | "form", string>
>;
const METHOD_NAMES = new Map<string, string>(
  [...PAYMENT_METHODS, ...CASHOUT_METHODS].map((m) => [m.id, m.name]),
);

/** The buy or sell form: checks as the user types, quotes, mints on submit, then leaves for Coinbase. */
export function RampForm({
  side,
  payBaseUrl,
  redirectUrl,
  partnerUserRef,
  initialRegion,
  initialOptions,
}: Props) {
  const [region, setRegion] = useState<Region>(initialRegion);
  const { options, loading } = useRampOptions(side, region, {
    region: initialRegion,
    options: initialOptions,
  });
  const [rawValues, setValues] = useState<RampFormValues>(() =>
    initialValues(side, initialOptions),
  );
  const values = conform(rawValues, options);
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);
  const { validation, ensure } = useValidation();
  const id = useId();
  const quoteRequest = toQuoteRequest(side, values, region);
  const quote = useQuote(quoteRequest);
  // Only a quote for exactly these values may make the URL one-click.
  const quoteId =
    quote.state.status === "ready" && sameQuoteRequest(quote.forRequest, quoteRequest)
      ? quote.state.value.quoteId
      : undefined;
  const body = toRequestBody(side, values, region, quoteId);
  const asset = options.assets.find((a) => a.symbol === values.asset);
  const unavailable = options.source === "unavailable";
  const signedIn = partnerUserRef !== null;

  // Back from signing in: the form as the user left it. The draft is in sessionStorage,
  // which the server's render cannot see, so it is applied once, after hydration.
  useEffect(() => {
    const draft = takeDraft(side);
    if (!draft) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setRegion(draft.region);
    setValues(draft.values);
  }, [side]);

  function goSignIn() {
    signInAndReturn(side, { values, region });
  }

  function update(patch: Partial<RampFormValues>, clear: (keyof Errors)[] = []) {
    setValues((v) => ({ ...conform(v, options), ...patch }));
    if (clear.length)
      setErrors((e) => ({ ...e, ...Object.fromEntries(clear.map((k) => [k, undefined])) }));
  }

  async function onAddressChange(address: string) {
    update({ address });
    const { checkAddress } = validation ?? (await ensure());
    const check = address === "" ? null : checkAddress(values.network, address);
    setErrors((e) => ({ ...e, address: check && !check.ok ? check.reason : undefined }));
  }

  /** Checks everything locally; returns the body to send, or null and shows why not. */
  async function validate(): Promise<Record<string, unknown> | null> {
    const { checkAddress, OfframpRequestSchema, OnrampRequestSchema, toFieldIssues } =
      validation ?? (await ensure());
    const parsed = (side === "buy" ? OnrampRequestSchema : OfframpRequestSchema).safeParse(body);
    const local: Errors = parsed.success ? {} : fieldErrors(toFieldIssues(parsed.error));
    const address = checkAddress(values.network, values.address);
    if (!address.ok) local.address = address.reason;
    if (side === "sell" && !values.amount.trim()) local.amount = "Enter how much you want to sell";
    const limit =
      values.amountIn === "fiat" && values.amount
        ? limitProblem(options, values.fiatCurrency, values.method, values.amount)
        : null;
    if (limit) local.amount = limit;
    setErrors(local);
    return Object.keys(local).length === 0 ? body : null;
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (pending || unavailable) return;
    const request = await validate();
    if (!request) return;
    if (!signedIn) return goSignIn();
    setPending(true);
    // Our server mints the session token and builds the Coinbase URL.
    const path = side === "buy" ? "/api/onramp" : "/api/offramp";
    const result = await postJson<{ url: string }>(path, request, "url");
    if (result.ok) {
      window.location.assign(result.data.url);
      return; // stay pending while the browser leaves
    }
    if (result.status === 401) return goSignIn(); // the session ended meanwhile
    setErrors({ ...fieldErrors(result.issues), form: result.message });
    setPending(false);
  }

  return (
    // The checks load when the user first reaches into the form, not with the page.
    <form
      onSubmit={onSubmit}
      onFocus={() => void ensure()}
      onPointerDown={() => void ensure()}
      noValidate
      className="space-y-5"
      aria-busy={pending || loading}
    >
      <RegionFields region={region} onChange={setRegion} />
      {options.source === "catalog" && (
        <p role="status" className="rounded-lg bg-amber-50 p-2 text-sm text-amber-900">
          Coinbase&apos;s list of options could not be loaded: showing the standard catalog.
          Coinbase checks availability on the next page.
        </p>
      )}
      {unavailable && (
        <p role="alert" className="rounded-lg bg-red-50 p-2 text-sm text-red-800">
          Not available here: {options.note}
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Asset"
          value={values.asset}
          onChange={(v) => update({ asset: v })}
          options={options.assets.map((a) => ({
            value: a.symbol,
            label: `${a.name} (${a.symbol})`,
          }))}
        />
        <SelectField
          label="Network"
          value={values.network}
          error={errors.network}
          onChange={(v) => update({ network: v }, ["address", "network"])}
          options={(asset?.networks ?? []).map((n) => ({
            value: n,
            label: findNetwork(n)?.name ?? n,
          }))}
        />
      </div>
      <Field
        label={side === "buy" ? "Wallet address to receive" : "Wallet address you sell from"}
        value={values.address}
        onChange={onAddressChange}
        error={errors.address}
        mono
        autoComplete="off"
        hint={`Your address on ${findNetwork(values.network)?.name ?? values.network}`}
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Amount in</legend>
        <div className="flex gap-4">
          {(["fiat", "crypto"] as const).map((kind) => (
            <label key={kind} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name={`${id}-amount-in`}
                value={kind}
                checked={values.amountIn === kind}
                onChange={() => update({ amountIn: kind }, ["amount"])}
              />
              {kind === "fiat" ? `Fiat (${values.fiatCurrency})` : `Crypto (${values.asset})`}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label={`Amount (${values.amountIn === "fiat" ? values.fiatCurrency : values.asset})`}
          value={values.amount}
          onChange={(amount) => update({ amount }, ["amount"])}
          error={errors.amount}
          inputMode="decimal"
        />
        <SelectField
          label="Currency"
          value={values.fiatCurrency}
          error={errors.fiatCurrency}
          onChange={(v) => update({ fiatCurrency: v }, ["fiatCurrency", "amount"])}
          options={options.fiatCurrencies.map((c) => ({ value: c.code, label: c.code }))}
        />
      </div>
      <SelectField
        label={side === "buy" ? "Payment method" : "Cash out to"}
        value={values.method}
        error={errors.method}
        onChange={(v) => update({ method: v }, ["method", "amount"])}
        options={options.methods.map((m) => ({ value: m, label: METHOD_NAMES.get(m) ?? m }))}
      />
      <QuotePanel
        side={side}
        state={quote.state}
        hint={
          side === "buy"
            ? "Enter a fiat amount to see a quote."
            : "Enter a crypto amount to see a quote."
        }
      />
      <p
        aria-live="polite"
        className="text-sm text-red-700"
        role={errors.form ? "alert" : undefined}
      >
        {errors.form}
      </p>
      {!signedIn && (
        <p className="text-sm text-slate-700">
          Coinbase asks us to know who is buying or selling: you sign in with your email first, then
          come back to this form as you left it.
        </p>
      )}
      <div className="flex flex-wrap items-start gap-4">
        <button
          type="submit"
          disabled={pending || unavailable}
          className="w-full rounded-full bg-blue-700 px-5 py-3 font-medium text-white hover:bg-blue-800 disabled:cursor-not-allowed disabled:opacity-70 sm:w-auto"
        >
          {pending
            ? "Opening Coinbase…"
            : signedIn
              ? "Continue to Coinbase"
              : "Sign in to continue"}
        </button>
        <HandoffPanel
          side={side}
          validate={validate}
          signedIn={signedIn}
          onSignInNeeded={goSignIn}
        />
        {side === "buy" && (
          <GuestCheckoutEntry
            country={region.country}
            asset={values.asset}
            network={values.network}
            address={values.address}
            amount={
              values.amountIn === "fiat" && values.fiatCurrency === "USD" ? values.amount : ""
            }
          />
        )}
      </div>
      <UrlPreview
        side={side}
        body={body}
        payBaseUrl={payBaseUrl}
        redirectUrl={redirectUrl}
        partnerUserRef={partnerUserRef}
      />
    </form>
  );
}

/** Maps API/schema field paths onto the form's fields. */
function fieldErrors(issues: { path: string; message: string }[]): Errors {
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
