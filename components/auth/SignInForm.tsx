"use client";

import { useId, useState, type FormEvent } from "react";
import { Field } from "@/components/shared/fields";
import { claimDrafts } from "@/components/shared/session-draft";
import { postJson } from "@/components/shared/post-json";
import { useFocusFirstError } from "@/components/shared/use-focus-first-error";
import { SendCodeSchema, SignInSchema } from "@/lib/auth/sign-in-schema";
import { useRestoredPage } from "@/components/shared/use-restored-page";
import { useCountdown } from "@/components/shared/use-countdown";
import { FormAlert } from "@/components/shared/FormAlert";
import { NewCodeWait } from "@/components/shared/NewCodeWait";
import {
  forgetCodeStep,
  rememberCodeStep,
  rememberCodeWait,
  useRecalledCodeStep,
} from "./code-step-memory";
import { ScriptButton } from "@/components/shared/ScriptButton";
import { ScriptSubmitButton } from "@/components/shared/ScriptSubmitButton";
import { announceViewer } from "./viewer-announcement";

interface Props {
  /** Where to go once signed in (a local path). */
  next: string;
  /** The sandbox inbox, in sandbox mode: where the code "arrives". */
  inboxUrl: string | null;
  codeMinutes: number;
}

/** Two steps: the email (a code is sent), then the code (the user is signed in). */
export function SignInForm({ next, inboxUrl, codeMinutes }: Props) {
  const [step, setStep] = useState<"email" | "code">("email");
  const [email, setEmail] = useState("");
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | undefined>();
  // A new code refused on the code step (asked too soon, the mail server down): the form's,
  // not the Code field's, whose code is not wrong.
  const [resendError, setResendError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | null>(null);
  // Codes asked for again at this step: each says so in words of its own (below).
  const [resends, setResends] = useState(0);
  const noticeId = useId();
  // What is under way: its own button says so.
  const [pending, setPending] = useState<false | "sending" | "signing-in">(false);
  const busy = pending !== false;
  // Seconds until the server takes another code request for this address: "Send a new code" waits.
  const [wait, startWait] = useCountdown();
  // The pressed button was disabled while pending: a refusal takes focus to the field, ready to retype.
  const { formRef, focusNextErrors } = useFocusFirstError(`${error}|${resendError}`);
  const fail = (message: string | undefined) => {
    focusNextErrors();
    setError(message);
  };
  // Back to this page after signing in: the form is here again, no longer signing in.
  useRestoredPage(() => setPending(false));
  useRecalledCodeStep(codeMinutes * 60_000, ({ email: sentTo, waitSeconds }) => {
    setEmail(sentTo);
    setStep("code");
    if (waitSeconds > 0) startWait(waitSeconds);
    setNotice(`We sent a 6-digit code to ${sentTo}. It works for ${codeMinutes} minutes.`);
  });

  async function sendCode(event?: FormEvent) {
    event?.preventDefault();
    if (pending) return;
    const parsed = SendCodeSchema.safeParse({ email });
    if (!parsed.success) return fail(parsed.error.issues[0]?.message);
    setPending("sending");
    setError(undefined);
    setResendError(undefined);
    const result = await postJson<{ sent: boolean }>("/api/auth/code", parsed.data, "sent");
    setPending(false);
    if (!result.ok) {
      // Codes are paced, per address and per client: the form counts down the wait the server
      // named, with the button held (the code step remembers it across a reload).
      if (result.retryAfterSeconds) {
        startWait(result.retryAfterSeconds);
        if (step === "code") rememberCodeWait(result.retryAfterSeconds);
      }
      if (step !== "code") return fail(result.message);
      focusNextErrors();
      return setResendError(result.message);
    }
    startWait(0);
    setEmail(parsed.data.email);
    setCode("");
    setStep("code");
    rememberCodeStep(parsed.data.email);
    // Sent again, said in new words: the same sentence again would be announced as nothing,
    // so each further time is counted. (The code that still works is mailed again, else a new
    // one: the newest mail has it.)
    const again = step === "code" ? resends + 1 : 0;
    setResends(again);
    setNotice(
      again
        ? `We emailed ${parsed.data.email} again${again > 1 ? ` (email ${again + 1})` : ""}: the newest email has your code. It works for ${codeMinutes} minutes.`
        : `We sent a 6-digit code to ${parsed.data.email}. It works for ${codeMinutes} minutes.`,
    );
  }

  /**
   * Refused a new code for an address mailed moments ago: the code mailed then still works, so
   * the user may go on and type it instead of waiting.
   */
  function enterCodeSent() {
    const parsed = SendCodeSchema.safeParse({ email });
    if (!parsed.success) return fail(parsed.error.issues[0]?.message);
    setError(undefined);
    setEmail(parsed.data.email);
    setCode("");
    setStep("code");
    rememberCodeStep(parsed.data.email);
    setNotice(`Enter the code we emailed to ${parsed.data.email}: the newest email has it.`);
  }

  async function signIn(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const parsed = SignInSchema.safeParse({ email, code });
    if (!parsed.success) return fail(parsed.error.issues[0]?.message);
    setPending("signing-in");
    setError(undefined);
    const result = await postJson<{ signedIn: boolean }>(
      "/api/auth/sign-in",
      parsed.data,
      "signedIn",
    );
    if (result.ok) {
      forgetCodeStep();
      claimDrafts(parsed.data.email);
      announceViewer(parsed.data.email); // the app's other tabs follow
      return window.location.assign(next); // stay pending while the page changes
    }
    setPending(false);
    fail(result.message);
  }

  const inboxLink = inboxUrl && (
    <p className="text-sm text-slate-700">
      Sandbox mode: no email is sent. Your code is in the{" "}
      <a href={inboxUrl} target="_blank" className="font-medium text-blue-800 underline">
        sandbox inbox
      </a>
      .
    </p>
  );

  if (step === "email")
    return (
      <form ref={formRef} onSubmit={sendCode} noValidate className="space-y-4" aria-busy={busy}>
        <Field
          label="Email"
          type="email"
          inputMode="email"
          autoComplete="email"
          // The page is for this one field: the keyboard starts in it (a "Sign in" button pressed
          // on another page, or back from the code step, whose "Use another email" is gone).
          autoFocus
          value={email}
          onChange={(v) => {
            setEmail(v);
            setError(undefined);
            // Another address may be mailed at once: if not, the server says how long to wait.
            startWait(0);
          }}
          error={error}
        />
        <ScriptSubmitButton disabled={busy || wait > 0} className={BUTTON}>
          {pending ? "Sending…" : "Email me a code"}
        </ScriptSubmitButton>
        <NewCodeWait seconds={wait} />
        {wait > 0 && (
          <ScriptButton onClick={enterCodeSent} className={LINK}>
            I have a code for this address
          </ScriptButton>
        )}
        {inboxLink}
      </form>
    );

  return (
    <form ref={formRef} onSubmit={signIn} noValidate className="space-y-4" aria-busy={busy}>
      {/* Mounted with its words, a live region is often not read: the Code field, which takes
          the focus, names it too. A new code's notice changes it, and is announced. */}
      <p
        id={noticeId}
        role="status"
        className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900"
      >
        {notice}
      </p>
      <Field
        label="Code"
        describedBy={noticeId}
        autoFocus
        inputMode="numeric"
        autoComplete="one-time-code"
        value={code}
        onChange={(v) => {
          setCode(v);
          setError(undefined);
        }}
        error={error}
      />
      <div className="flex flex-wrap items-center gap-4">
        <ScriptSubmitButton disabled={busy} className={BUTTON}>
          {pending === "signing-in" ? "Signing in…" : "Sign in"}
        </ScriptSubmitButton>
        <ScriptButton disabled={busy || wait > 0} onClick={() => void sendCode()} className={LINK}>
          {pending === "sending" ? "Sending a new code…" : "Send a new code"}
        </ScriptButton>
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            forgetCodeStep();
            setStep("email");
            setError(undefined);
            setResendError(undefined);
          }}
          className={LINK}
        >
          Use another email
        </button>
      </div>
      <FormAlert message={resendError} />
      <NewCodeWait seconds={wait} />
      {inboxLink}
    </form>
  );
}

const LINK = "text-sm text-blue-800 underline disabled:cursor-not-allowed disabled:no-underline";
const BUTTON =
  "rounded-full bg-blue-700 px-5 py-3 font-medium text-white hover:bg-blue-800 disabled:cursor-not-allowed disabled:opacity-70";
