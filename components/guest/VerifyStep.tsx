"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { expectedUserHeaders } from "@/lib/auth/expected-user";
import { formatPhone } from "@/lib/guest/phone";
import { Field } from "@/components/shared/fields";
import { LOAD_FAILED } from "@/components/shared/load-once";
import { useFocusFirstError } from "@/components/shared/use-focus-first-error";
import { useOneAtATime } from "@/components/shared/use-one-at-a-time";
import { BUTTON, Notice } from "./flow-ui";
import { guestApi } from "./guest-api";
import { schemasOrNull } from "./guest-schemas";
import { forgetPhoneDraft, usePhoneDraft } from "./phone-draft";
import { useCountdown } from "@/components/shared/use-countdown";
import { NewCodeWait } from "@/components/shared/NewCodeWait";
import { ScriptSubmitButton } from "@/components/shared/ScriptSubmitButton";

/**
 * One verification by Coinbase's one-time code: the phone number (typed in any friendly
 * format, sent as E.164) or the email the user signed in with. `reason` says why it is
 * asked again (an expired verification), in place.
 */
interface Props {
  channel: "sms" | "email";
  email: string;
  /** The user the page was shown for: a code is sent and checked for them only. */
  pageUser: string;
  /** A code already sent and not yet entered (to this phone number, or the email). */
  pendingTo?: string;
  /** For that code: when (epoch ms) the server takes a request for a new one. */
  initialWait?: number;
  reason?: string;
  /** The number verified before (E.164), when it is asked again: filled in to send at once. */
  knownPhone?: string;
  onVerified: () => void;
}

export function VerifyStep({
  channel,
  email,
  pageUser,
  pendingTo,
  initialWait,
  reason,
  knownPhone,
  onVerified,
}: Props) {
  const [phone, setPhone] = useState(knownPhone ? formatPhone(knownPhone) : "");
  const [sentTo, setSentTo] = useState<string | undefined>(pendingTo);
  const [code, setCode] = useState("");
  // Where the code went, read with the Code field as it takes the focus: the line itself comes
  // with it, filled, and is often not read out.
  const sentNoticeId = useId();
  const [errors, setErrors] = useState<{ phone?: string; code?: string; form?: string }>({});
  // One request at a time: a double click sends one code, not a code and a "wait" refusal.
  const { busy, run } = useOneAtATime();
  // Seconds until the server takes another code request: the resend button waits as long,
  // after a reload too (the server's count, not a fresh minute, nor none).
  const [wait, startWait] = useCountdown(pendingTo ? initialWait : 0);
  const sms = channel === "sms";
  // Back from signing in (the session ended as the code was asked for): the number as typed.
  usePhoneDraft(sms, phone, setPhone);
  // A new code sent: said in new words (the same sentence is not announced again), and the
  // emptied field takes the focus (the button pressed stays off while the wait runs). Asked
  // within the minute of the last (the page reloaded meanwhile), none is sent: that one stands.
  const [resent, setResent] = useState<{ times: number; sent: boolean }>({ times: 0, sent: true });
  const codeFormRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (resent.times > 0) codeFormRef.current?.querySelector("input")?.focus();
  }, [resent]);
  // Back from the code ("Use another number", whose button is gone): the number to retype.
  const [changingNumber, setChangingNumber] = useState(false);
  // The pressed button was disabled while waiting: a refusal takes focus to what it is about.
  const { formRef: stepRef, focusNextErrors } = useFocusFirstError<HTMLElement>(errors);
  const fail = (next: typeof errors) => {
    focusNextErrors();
    setErrors(next);
  };
  // A refusal goes once the field is typed in again: the next one, even in the same words, is
  // then a new message, and heard (focus is already in the field, so nothing else says it).
  const clearError = (field: "phone" | "code") =>
    setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));

  function send(event?: FormEvent, again?: string) {
    event?.preventDefault();
    void run(() => sendCode(again));
  }

  async function sendCode(again?: string) {
    const input = sms ? { channel, phone: again ?? phone } : { channel };
    const schemas = await schemasOrNull();
    if (!schemas) return fail({ form: LOAD_FAILED });
    const local = schemas.SendCodeSchema.safeParse(input);
    if (!local.success) return fail({ phone: local.error.issues[0]?.message });
    const result = await guestApi<{ sentTo: string; nextCodeInSeconds: number; sent: boolean }>(
      "/api/guest/codes",
      input,
      { headers: expectedUserHeaders(pageUser) },
    );
    if (result.ok) {
      setSentTo(result.data.sentTo);
      setCode("");
      setErrors({});
      startWait(result.data.nextCodeInSeconds);
      // A first send (another number, or after "Use another number") was one, just now.
      setResent((r) =>
        again ? { times: r.times + 1, sent: result.data.sent } : { times: r.times, sent: true },
      );
      return;
    }
    // Asked too soon, or too often: the button counts down the wait the server named.
    if (result.retryAfterSeconds) startWait(result.retryAfterSeconds);
    if (result.issues.some((i) => i.path === "phone")) {
      fail({ phone: result.issues.find((i) => i.path === "phone")?.message });
    } else fail({ form: result.message });
  }

  function verify(event: FormEvent) {
    event.preventDefault();
    void run(verifyCode);
  }

  async function verifyCode() {
    const schemas = await schemasOrNull();
    if (!schemas) return fail({ form: LOAD_FAILED });
    const local = schemas.SubmitCodeSchema.safeParse({ channel, code });
    if (!local.success) return fail({ code: local.error.issues[0]?.message });
    const result = await guestApi("/api/guest/codes/verify", local.data, {
      headers: expectedUserHeaders(pageUser),
    });
    // code_locked, code_expired: this code no longer works; the message says to send a new one.
    if (result.ok) {
      if (sms) forgetPhoneDraft();
      onVerified();
    } else if (
      ["invalid_code", "code_locked", "code_expired"].includes(result.code) ||
      result.issues.some((i) => i.path === "code")
    )
      fail({ code: result.message });
    else fail({ form: result.message });
  }

  const title = sms ? "Verify your phone number" : "Verify your email";
  const shownTo = sentTo && sms ? formatPhone(sentTo) : sentTo;
  return (
    <section ref={stepRef} aria-labelledby={`verify-${channel}`} className="space-y-4">
      <h2 id={`verify-${channel}`} className="text-xl font-semibold">
        {title}
      </h2>
      <Notice tone="info">{reason}</Notice>
      {!sentTo ? (
        <form onSubmit={send} noValidate className="space-y-3">
          {sms ? (
            <Field
              label="Mobile phone number"
              value={phone}
              onChange={(next) => {
                setPhone(next);
                clearError("phone");
              }}
              inputMode="tel"
              autoComplete="tel"
              autoFocus={changingNumber}
              error={errors.phone}
              hint="A US number, e.g. (205) 555-0123. Coinbase texts it a 6-digit code."
            />
          ) : (
            <p className="text-sm">
              Coinbase emails a 6-digit code to <strong>{email}</strong>, the address you signed in
              with.
            </p>
          )}
          <ScriptSubmitButton disabled={busy} className={BUTTON}>
            {busy ? "Sending…" : sms ? "Text me a code" : "Email me a code"}
          </ScriptSubmitButton>
        </form>
      ) : (
        <form ref={codeFormRef} onSubmit={verify} noValidate className="space-y-3">
          <p id={sentNoticeId} role="status" className="text-sm">
            {resent.sent
              ? `We sent a ${resent.times > 0 ? "new " : ""}6-digit code to ${shownTo}.`
              : `The code we sent to ${shownTo} moments ago is the one to enter: no new one was sent.`}
          </p>
          <Field
            label="Code"
            autoFocus
            value={code}
            onChange={(next) => {
              setCode(next);
              clearError("code");
            }}
            inputMode="numeric"
            autoComplete="one-time-code"
            describedBy={sentNoticeId}
            error={errors.code}
          />
          <div className="flex flex-wrap gap-3">
            <ScriptSubmitButton disabled={busy} className={BUTTON}>
              {busy ? "Checking…" : "Verify"}
            </ScriptSubmitButton>
            <button
              type="button"
              disabled={busy || wait > 0}
              onClick={() => send(undefined, sentTo)}
              className={LINK}
            >
              Send a new code
            </button>
            {sms && (
              <button
                type="button"
                disabled={busy}
                onClick={() => {
                  setChangingNumber(true);
                  setSentTo(undefined);
                }}
                className={LINK}
              >
                Use another number
              </button>
            )}
          </div>
          <NewCodeWait seconds={wait} />
        </form>
      )}
      <Notice tone="error">{errors.form}</Notice>
    </section>
  );
}

const LINK = "text-sm text-blue-800 underline disabled:cursor-not-allowed disabled:no-underline";
