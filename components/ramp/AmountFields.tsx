"use client";

import { useId } from "react";
import { findLimit, type RampOptions } from "@/lib/ramp/options";
import { SelectField, useKeepsEarlyChecks, useKeepsEarlyInput } from "@/components/shared/fields";
import { limitRange } from "@/lib/ramp/limit-text";
import { type AmountIn, type RampFormValues, canPresetFiat } from "./form-state";
import { ScriptButton } from "@/components/shared/ScriptButton";

const PRESETS = ["25", "50", "100"];

/**
 * The amount, first and large: preset buttons, the fiat/crypto switch beside it, the
 * currency, and the method's limits before the user submits.
 */
export function AmountFields({
  values,
  options,
  error,
  currencyError,
  onAmount,
  onAmountIn,
  onCurrency,
}: {
  values: RampFormValues;
  options: RampOptions;
  error?: string;
  currencyError?: string;
  onAmount: (amount: string) => void;
  onAmountIn: (kind: AmountIn) => void;
  onCurrency: (code: string) => void;
}) {
  const id = useId();
  const unit = values.amountIn === "fiat" ? values.fiatCurrency : values.asset;
  const fiatAllowed = canPresetFiat(values.fiatCurrency);
  const limit = findLimit(options, values.fiatCurrency, values.method);
  const hintId = `${id}-limits`;
  const amountRef = useKeepsEarlyInput<HTMLInputElement>(values.amount, onAmount);
  const amountInRef = useKeepsEarlyChecks<HTMLFieldSetElement>(
    (radio) => radio.checked && onAmountIn(radio.value as AmountIn),
  );
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        {/* Wide enough for the whole amount: on a narrow phone the switch goes below instead. */}
        <div className="min-w-48 flex-1 space-y-1">
          <label htmlFor={`${id}-amount`} className="block text-sm font-medium">
            Amount ({unit})
          </label>
          <input
            ref={amountRef}
            id={`${id}-amount`}
            value={values.amount}
            onChange={(e) => onAmount(e.target.value)}
            inputMode="decimal"
            autoComplete="off"
            placeholder="0"
            aria-invalid={error ? true : undefined}
            aria-describedby={`${hintId} ${id}-error`}
            className={`w-full rounded-xl border px-4 py-3 text-3xl font-semibold ${error ? "border-red-600" : "border-slate-300"}`}
          />
        </div>
        <fieldset ref={amountInRef} className="space-y-1">
          <legend className="text-sm font-medium">Amount in</legend>
          <div className="flex gap-1 rounded-full border border-slate-300 p-1">
            {(["fiat", "crypto"] as const).map((kind) => (
              <label
                key={kind}
                className="flex cursor-pointer items-center gap-1 rounded-full px-3 py-2 text-sm has-checked:bg-blue-700 has-checked:text-white has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-(--focus-ring) has-disabled:cursor-not-allowed has-disabled:opacity-60"
              >
                {/* Its ring goes round the pill: drawn round the radio, it would be blue on blue. */}
                <input
                  type="radio"
                  className="accent-white focus-visible:outline-none"
                  name={`${id}-amount-in`}
                  value={kind}
                  disabled={kind === "fiat" && !fiatAllowed}
                  checked={values.amountIn === kind}
                  onChange={() => onAmountIn(kind)}
                />
                {kind === "fiat" ? values.fiatCurrency : values.asset}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      {values.amountIn === "fiat" && (
        <div className="flex flex-wrap gap-2" role="group" aria-label="Preset amounts">
          {PRESETS.map((p) => (
            <ScriptButton
              key={p}
              aria-pressed={values.amount === p}
              onClick={() => onAmount(p)}
              className="rounded-full border border-slate-300 px-4 py-1 text-sm font-medium hover:bg-slate-100 disabled:opacity-60 aria-pressed:border-blue-700 aria-pressed:bg-blue-50"
            >
              {p} {values.fiatCurrency}
            </ScriptButton>
          ))}
        </div>
      )}
      <p id={hintId} className="text-xs text-slate-600">
        {limit
          ? // The limits are in the currency; an amount typed in the asset is measured by its worth.
            `${limitRange(values.method, limit, values.fiatCurrency, values.amountIn === "crypto")} `
          : ""}
        {fiatAllowed
          ? ""
          : `Coinbase takes ${values.fiatCurrency} amounts on its own page: here, say how much ${values.asset}.`}
      </p>
      <p id={`${id}-error`} aria-live="polite" className="min-h-5 text-sm text-red-700">
        {error}
      </p>
      {/* One currency on offer: it is already named beside the amount. */}
      {options.fiatCurrencies.length > 1 && (
        <SelectField
          label="Currency"
          value={values.fiatCurrency}
          error={currencyError}
          onChange={onCurrency}
          options={options.fiatCurrencies.map((c) => ({ value: c.code, label: c.code }))}
        />
      )}
    </div>
  );
}
