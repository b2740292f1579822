"use client";

import { useState, type FormEvent } from "react";
import { Field, useKeepsEarlyChecks } from "@/components/shared/fields";
import { UrlDetails } from "@/components/shared/UrlDetails";
import { buildAuthorizeUrl, type AuthorizeEndpoint } from "@/lib/oauth/authorize-url";
import {
  ACCOUNT_ACCESS,
  SCOPE_PRESETS,
  SEND_LIMIT_DEFAULT_CURRENCY,
  SEND_SCOPE,
  type AccountAccess,
  type SendLimitCurrency,
  type SendLimitPeriod,
} from "@/lib/oauth/scopes";
import { type ConnectValues, previewQuery, toAuthorizeQuery } from "./connect-state";
import { ScopePicker } from "./ScopePicker";
import { SendLimitFields } from "./SendLimitFields";
import { useFocusFirstError } from "@/components/shared/use-focus-first-error";
import { useRestoredPage } from "@/components/shared/use-restored-page";
import { LOAD_FAILED } from "@/components/shared/load-once";
import { FormAlert } from "@/components/shared/FormAlert";
import { ScriptButton } from "@/components/shared/ScriptButton";
import { ScriptSubmitButton } from "@/components/shared/ScriptSubmitButton";
import { asIs, useSessionDraft } from "@/components/shared/session-draft";
import { connectDraftKey, isConnectDraft } from "./connect-draft";

type Errors = Partial<
  Record<
    | "scope"
    | "account_currency"
    | "send_limit_amount"
    | "send_limit_currency"
    | "send_limit_period"
    | "form",
    string
  >
>;

/** Choose permissions, preview the authorize URL, then go to Coinbase via our server. */
export function ConnectForm({
  endpoint,
  granted,
  grantedLimit,
  grantedAccess,
  grantedAccountCurrency,
}: {
  endpoint: AuthorizeEndpoint;
  granted: string[];
  /** The send limit of the current grant: asking for more keeps it unless changed. */
  grantedLimit?: { amount: string; currency: SendLimitCurrency; period: SendLimitPeriod };
  /** The current grant's account access: asking for more keeps it unless changed. */
  grantedAccess?: AccountAccess;
  /** The currencies that access was narrowed to ("BTC,ETH"): kept too unless changed. */
  grantedAccountCurrency?: string;
}) {
  const [values, setValues] = useState<ConnectValues>({
    scopes: granted.length ? granted : [...SCOPE_PRESETS[0].scopes],
    account: grantedAccess ?? "select",
    accountCurrency: grantedAccountCurrency ?? "",
    sendAmount: grantedLimit?.amount ?? "",
    sendCurrency: grantedLimit?.currency ?? SEND_LIMIT_DEFAULT_CURRENCY,
    sendPeriod: grantedLimit?.period ?? "month",
  });
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);
  // What a preset ticked, said: the boxes change out of sight, below the button pressed.
  const [presetNote, setPresetNote] = useState("");
  const { formRef, focusNextErrors } = useFocusFirstError(errors);
  // Back from Coinbase's page: the form is here again, no longer leaving.
  useRestoredPage(() => setPending(false));
  // A reload, a tab the phone threw away, Back from Coinbase without the page cache: the
  // choices come back as the user left them, the scopes already granted kept whatever.
  // (One kept draft per starting point: another grant to add to starts afresh.)
  useSessionDraft(
    connectDraftKey(granted, grantedLimit, grantedAccess, grantedAccountCurrency),
    values,
    (kept) => setValues({ ...kept, scopes: [...new Set([...granted, ...kept.scopes])] }),
    asIs(isConnectDraft),
  );
  const update = (patch: Partial<ConnectValues>) => setValues((v) => ({ ...v, ...patch }));
  const accessRef = useKeepsEarlyChecks<HTMLFieldSetElement>(
    (radio) => radio.checked && update({ account: radio.value as AccountAccess }),
  );
  const query = toAuthorizeQuery(values);
  const previewUrl = buildAuthorizeUrl(endpoint, previewQuery(values), {
    state: "<state>",
    codeChallenge: "<code_challenge>",
  });

  // zod and the schema load on the first interaction with the form, not with the page.
  const loadSchema = () => import("@/lib/oauth/authorize-schema");

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    // Checked before the browser leaves; the form is then submitted natively.
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
    // Under way from the click: the checks may still be loading (seconds on a slow connection).
    setPending(true);
    const schema = await loadSchema().catch(() => null);
    const parsed = schema?.AuthorizeQuerySchema.safeParse(query);
    // Navigates to /api/oauth/authorize, which redirects to Coinbase.
    if (parsed?.success) return form.submit();
    const next: Errors = {};
    for (const issue of parsed?.error.issues ?? [])
      next[String(issue.path[0]) as keyof Errors] ??= issue.message;
    // Not loaded (the connection dropped): said, and the next click tries again.
    if (!schema) next.form = LOAD_FAILED;
    setPending(false);
    focusNextErrors();
    setErrors(next);
  }

  return (
    <form
      ref={formRef}
      method="get"
      action="/api/oauth/authorize"
      onSubmit={onSubmit}
      onPointerDown={() => void loadSchema()}
      onFocus={() => void loadSchema()}
      noValidate
      className="space-y-6"
    >
      {Object.entries(query).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Permissions</h2>
        {granted.length > 0 && (
          <p className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900">
            Asking for more keeps what you already granted: its permissions, its send limit and
            account access (unless you change them) and, on Coinbase&apos;s page, the accounts you
            shared.
          </p>
        )}
        <p className="text-sm text-slate-700">
          Ask only for what your app needs: users trust a short list, and you can ask for more
          later.
        </p>
        <div className="flex flex-wrap gap-2" role="group" aria-label="Presets">
          {SCOPE_PRESETS.map((preset) => (
            <ScriptButton
              key={preset.id}
              className="rounded-full border border-slate-300 px-3 py-1 text-sm hover:border-blue-700 disabled:opacity-60"
              onClick={() => {
                const scopes = [...new Set([...granted, ...preset.scopes])];
                update({ scopes });
                setErrors({});
                setPresetNote(
                  `${preset.label}: ${scopes.length} permissions chosen below${scopes.includes(SEND_SCOPE) ? ", with its send limit" : ""}.`,
                );
              }}
            >
              {preset.label}
            </ScriptButton>
          ))}
        </div>
        <p role="status" className="sr-only">
          {presetNote}
        </p>
        <ScopePicker
          selected={values.scopes}
          granted={granted}
          after={(scope) =>
            scope === SEND_SCOPE && values.scopes.includes(SEND_SCOPE) ? (
              <SendLimitFields
                amount={values.sendAmount}
                currency={values.sendCurrency}
                period={values.sendPeriod}
                errors={{ amount: errors.send_limit_amount, currency: errors.send_limit_currency }}
                onChange={(patch) => {
                  update(patch);
                  setErrors((e) => ({
                    ...e,
                    send_limit_amount: undefined,
                    send_limit_currency: undefined,
                  }));
                }}
              />
            ) : null
          }
          onToggle={(scope, on) => {
            setPresetNote(""); // no longer what the preset chose
            // From the previous state: boxes ticked before hydration arrive together.
            setValues((v) => ({
              ...v,
              scopes: on ? [...v.scopes, scope] : v.scopes.filter((s) => s !== scope),
            }));
            setErrors((e) => ({ ...e, scope: undefined }));
          }}
        />
        {/* An alert when there is one, so that a failed submit can bring focus here. */}
        <p
          aria-live="polite"
          role={errors.scope ? "alert" : undefined}
          tabIndex={-1}
          className="text-sm text-red-700"
        >
          {errors.scope}
        </p>
      </section>
      <fieldset ref={accessRef} className="space-y-2">
        <legend className="text-lg font-semibold">Account access</legend>
        {ACCOUNT_ACCESS.map((a) => (
          <label key={a.id} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="account-choice"
              value={a.id}
              checked={values.account === a.id}
              onChange={() => update({ account: a.id as AccountAccess })}
            />
            {a.label}
          </label>
        ))}
        {values.account === "select" && (
          <Field
            label="Only these currencies (optional, e.g. BTC,ETH)"
            value={values.accountCurrency}
            error={errors.account_currency}
            onChange={(accountCurrency) => {
              update({ accountCurrency });
              setErrors((e) => ({ ...e, account_currency: undefined }));
            }}
          />
        )}
      </fieldset>
      <UrlDetails
        summary="Details for developers: the authorize URL"
        url={previewUrl}
        testId="authorize-preview"
        caption="Authorize URL parameters"
      >
        The server fills in a fresh random state and PKCE challenge, and keeps the verifier in a
        sealed cookie.
      </UrlDetails>
      <FormAlert message={errors.form} />
      {/* Off until the page's script runs: sent by the browser itself, the form would ask
          Coinbase for the permissions the page opened with, not the boxes ticked meanwhile. */}
      <ScriptSubmitButton
        disabled={pending}
        className="w-full rounded-full bg-blue-700 px-5 py-3 font-medium text-white hover:bg-blue-800 disabled:opacity-70 sm:w-auto"
      >
        {pending ? "Opening Coinbase…" : "Connect with Coinbase"}
      </ScriptSubmitButton>
    </form>
  );
}
