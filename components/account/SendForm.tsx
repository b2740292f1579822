"use client";

import Link from "next/link";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Field, SelectField } from "@/components/shared/fields";
import { useFocusFirstError } from "@/components/shared/use-focus-first-error";
import type { SendView } from "@/lib/oauth/send-view";
import { networkName } from "@/lib/ramp/catalog";
import { moneyAmount } from "@/lib/ramp/money-text";
import { codeDigits } from "@/lib/auth/one-time-code";
import { typedDecimal } from "@/lib/ramp/typed-decimal";
import { forgetSessionDraft, useSessionDraft } from "@/components/shared/session-draft";
import {
  checkSend,
  keptSendDraft,
  sendAmountHint,
  type SendErrors,
  type SendValues,
} from "./send-state";
import { SendStatus } from "./SendStatus";
import { useSendAttempt } from "./use-send-attempt";
import { ScriptSubmitButton } from "@/components/shared/ScriptSubmitButton";

// This tab's draft of the form (session-draft.ts).
const SEND_DRAFT = "send-draft";

/**
 * Send crypto from a shared account, within what is left of the granted limit. The attempt
 * (its `idem`, the two-step code, following the send) lives in useSendAttempt; a changed
 * form is a new attempt.
 */
export function SendForm({ view }: { view: SendView }) {
  const first = view.accounts[0];
  const [values, setValues] = useState<SendValues>({
    accountId: first?.id ?? "",
    network: first?.networks[0] ?? "",
    to: "",
    amount: "",
  });
  const [errors, setErrors] = useState<SendErrors>({});
  // Whatever is refused, in the form or by the server, takes the focus to its field.
  const { formRef, focusNextErrors } = useFocusFirstError(errors);
  const attempt = useSendAttempt((found) => {
    focusNextErrors();
    setErrors(found);
  });
  const { phase, message, code, codeExpired: expired, transaction } = attempt;
  // A reload, or a tab the phone dropped while the user fetched the two-step code: the send comes
  // back as typed (a new attempt, which asks for a new code). Once it may have gone out (on its
  // way, its answer lost, or sent), nothing is kept: a send made must not come back as a new
  // one, ready to go out twice.
  const keepDraft = phase === "form" || phase === "code";
  useSessionDraft(keepDraft ? SEND_DRAFT : null, values, setValues, (kept) =>
    keptSendDraft(kept, view.accounts),
  );
  useEffect(() => {
    if (!keepDraft) forgetSessionDraft(SEND_DRAFT);
  }, [keepDraft]);
  // "Send again" and "Cancel" remove themselves: the focus goes to the recipient once the
  // fields are enabled again, not to the page (from where the next Tab skipped past the form).
  const refill = useRef(false);
  useEffect(() => {
    if (!refill.current || phase !== "form") return;
    refill.current = false;
    formRef.current?.querySelector<HTMLInputElement>("input")?.focus();
  }, [phase, formRef]);
  // The session cannot be used: connecting (or signing in) again is the only way on, so the
  // focus goes to its link (after the Send button has taken it back, its effect running first).
  const wayOn = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (attempt.ended) wayOn.current?.focus();
  }, [attempt.ended]);
  const account = view.accounts.find((a) => a.id === values.accountId);
  const limit = view.budget && {
    currency: view.budget.limit.currency,
    period: view.budget.limit.period,
    remainingCents: view.budget.remainingCents,
  };

  function update(patch: Partial<SendValues>) {
    attempt.restart();
    setValues((v) => ({ ...v, ...patch }));
    setErrors({});
  }

  // What is checked and sent: "0,05" from a comma keypad as the plain decimal the API takes.
  const sending = { ...values, amount: typedDecimal(values.amount) };

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (phase === "code") {
      const digits = codeDigits(code);
      if (!/^\d{4,10}$/.test(digits)) {
        focusNextErrors();
        setErrors({ code: "Enter the code from the message: digits only" });
        return;
      }
      setErrors({});
      void attempt.send(sending, digits);
      return;
    }
    if (phase === "unsure") {
      // Not checked again here: the page may have learnt meanwhile of the send that was made
      // (less left of the limit) and refuse it, saying nothing was sent. The server answers
      // the identical request with that send.
      void attempt.retry(sending);
      return;
    }
    const found = checkSend(sending, account, limit, account && view.prices[account.currency]);
    focusNextErrors(Object.keys(found).length > 0);
    setErrors(found);
    if (Object.keys(found).length) {
      attempt.setMessage("Check the highlighted fields: nothing was sent.");
      return;
    }
    void attempt.send(sending);
  }

  if (view.accounts.length === 0) {
    return <p className="text-sm">None of the accounts you shared can send crypto here.</p>;
  }
  return (
    <div className="space-y-4">
      <form
        ref={formRef}
        onSubmit={onSubmit}
        noValidate
        className="space-y-3"
        aria-label="Send crypto"
      >
        <SelectField
          label="From account"
          value={values.accountId}
          disabled={phase !== "form"}
          onChange={(accountId) => {
            const next = view.accounts.find((a) => a.id === accountId);
            // An amount typed in another asset is no amount of this one: 0.006 ETH is not
            // 0.006 USDC. Kept only when the currency stays the same.
            const sameCurrency = next?.currency === account?.currency;
            update({
              accountId,
              network: next?.networks[0] ?? "",
              ...(sameCurrency ? {} : { amount: "" }),
            });
          }}
          options={view.accounts.map((a) => ({
            value: a.id,
            // The balance as the accounts table shows it.
            label: `${a.name} (${moneyAmount(a.balance, a.currency)})`,
          }))}
          error={errors.accountId}
        />
        {account && account.networks.length > 1 && (
          <SelectField
            label="Network"
            value={values.network}
            disabled={phase !== "form"}
            onChange={(network) => update({ network })}
            options={account.networks.map((n) => ({ value: n, label: networkName(n) }))}
          />
        )}
        <Field
          label="To (address or email)"
          mono
          autoComplete="off"
          value={values.to}
          disabled={phase !== "form"}
          onChange={(to) => update({ to })}
          error={errors.to}
        />
        <Field
          label={`Amount in ${account?.currency ?? "the account's currency"}`}
          value={values.amount}
          disabled={phase !== "form"}
          inputMode="decimal"
          onChange={(amount) => update({ amount })}
          // Once the amount is refused, the refusal says it: not the same thing twice. Once
          // sent, none: the limit left has dropped by it, and the hint would weigh it again.
          hint={
            errors.amount || phase === "done"
              ? undefined
              : sendAmountHint(
                  sending.amount,
                  account,
                  limit,
                  account && view.prices[account.currency],
                )
          }
          error={errors.amount}
        />
        {phase === "code" || (phase === "sending" && code) ? (
          <Field
            label="Two-step verification code"
            autoFocus
            value={code}
            inputMode="numeric"
            autoComplete="one-time-code"
            onChange={(typed) => {
              attempt.setCode(typed);
              setErrors({});
            }}
            error={errors.code}
          />
        ) : null}
        <p aria-live="polite" role="status" className="min-h-5 text-sm text-slate-800">
          {message}
        </p>
        {attempt.ended && (
          <p className="text-sm">
            {/* Signed out meanwhile: connecting again would end the owner's own connection. */}
            <Link
              ref={wayOn}
              href={attempt.ended === "sign_in" ? "/sign-in?next=/account" : "/connect"}
              className="font-medium text-blue-800 underline"
            >
              {attempt.ended === "sign_in" ? "Sign in again" : "Connect again"}
            </Link>
          </p>
        )}
        {phase === "code" && view.codeHint && (
          <p className="text-xs text-slate-600">
            {view.codeHint}{" "}
            <a href="/sandbox/inbox" target="_blank" className="underline">
              Open the sandbox inbox
            </a>
          </p>
        )}
        <div className="flex flex-wrap gap-3">
          <ScriptSubmitButton
            disabled={phase === "sending" || phase === "done"}
            className="rounded-full bg-blue-700 px-5 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-70"
          >
            {phase === "sending"
              ? "Sending…"
              : phase === "code"
                ? "Approve send"
                : phase === "unsure"
                  ? "Try again"
                  : "Send"}
          </ScriptSubmitButton>
          {phase === "code" && expired && (
            <button
              type="button"
              onClick={() => {
                setErrors({});
                void attempt.send(sending);
              }}
              className="rounded-full border border-slate-400 px-4 py-2 text-sm"
            >
              Send a new code
            </button>
          )}
          {(phase === "code" || phase === "unsure") && (
            // Unsure, a new send may be one beside the send made: the message says so.
            <button
              type="button"
              onClick={() => {
                refill.current = true;
                update({});
              }}
              className="rounded-full px-4 py-2 text-sm underline"
            >
              {phase === "code" ? "Cancel" : "Start a new send"}
            </button>
          )}
        </div>
      </form>
      {transaction && (
        <SendStatus
          transaction={transaction}
          unfollowed={attempt.unfollowed}
          onAnother={() => {
            refill.current = true;
            attempt.another();
            setValues((v) => ({ ...v, to: "", amount: "" }));
          }}
        />
      )}
    </div>
  );
}
