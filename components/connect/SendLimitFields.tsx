"use client";

import { Field, SelectField } from "@/components/shared/fields";
import {
  SEND_LIMIT_CURRENCIES,
  SEND_LIMIT_PERIODS,
  type SendLimitCurrency,
  type SendLimitPeriod,
} from "@/lib/oauth/scopes";
import { sendLimitWarnings } from "./connect-state";

interface Props {
  amount: string;
  currency: SendLimitCurrency;
  period: SendLimitPeriod;
  errors: { amount?: string; currency?: string };
  onChange: (patch: {
    sendAmount?: string;
    sendCurrency?: SendLimitCurrency;
    sendPeriod?: SendLimitPeriod;
  }) => void;
}

/** Required with the send scope: how much the app may send, and per what period. */
export function SendLimitFields(props: Props) {
  const warnings = sendLimitWarnings(props.amount, props.currency);
  return (
    <fieldset className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-3">
      <legend className="px-1 text-sm font-semibold">
        Send limit (required to send on the user&apos;s behalf)
      </legend>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field
          label="Send limit amount"
          value={props.amount}
          inputMode="decimal"
          error={props.errors.amount}
          onChange={(sendAmount) => props.onChange({ sendAmount })}
        />
        {/* Only the currencies the server takes: the app can value a send in no other. */}
        <SelectField
          label="Send limit currency"
          value={props.currency}
          error={props.errors.currency}
          onChange={(v) => props.onChange({ sendCurrency: v as SendLimitCurrency })}
          options={SEND_LIMIT_CURRENCIES.map((c) => ({
            value: c.code,
            label: `${c.code} – ${c.name}`,
          }))}
        />
        <SelectField
          label="Per"
          value={props.period}
          onChange={(v) => props.onChange({ sendPeriod: v as SendLimitPeriod })}
          options={SEND_LIMIT_PERIODS.map((p) => ({ value: p, label: p }))}
        />
      </div>
      <div aria-live="polite">
        {warnings.map((w) => (
          <p key={w} className="text-sm text-amber-900" data-testid="send-limit-warning">
            ⚠ {w}
          </p>
        ))}
      </div>
    </fieldset>
  );
}
