"use client";

import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { loweredLimitRefusal } from "@/lib/sandbox/oauth/lowered-limit";
import { ACCOUNT_ERROR_ID } from "./AccountPicker";
import { SEND_LIMIT_ERROR_ID } from "./send-limit-error";

interface Props {
  pendingId: string;
  /** `account=select`: Allow needs at least one ticked account. */
  needsAccount: boolean;
  /** The send limit asked for, which the user may lower in the form. */
  askedLimit?: { amount: string; currency: string };
  /** Its field ("You may lower it"), followed by what is wrong with it. */
  limit?: ReactNode;
  children: ReactNode;
}

/**
 * A plain form post (works without JavaScript); the script only blocks a second
 * submission and catches "no account ticked" and a send limit raised or mistyped before the
 * server has to refuse them.
 */
export function ConsentForm({ pendingId, needsAccount, askedLimit, limit, children }: Props) {
  const [sending, setSending] = useState<"allow" | "deny" | null>(null);
  const [error, setError] = useState("");
  const [limitError, setLimitError] = useState("");

  // Coming back with the Back button restores this page as it was: make it usable again.
  useEffect(() => {
    const reset = (event: PageTransitionEvent) => {
      if (event.persisted) setSending(null);
    };
    window.addEventListener("pageshow", reset);
    return () => window.removeEventListener("pageshow", reset);
  }, []);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (sending) {
      event.preventDefault();
      return;
    }
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const decision =
      submitter instanceof HTMLButtonElement && submitter.value === "deny" ? "deny" : "allow";
    if (
      decision === "allow" &&
      needsAccount &&
      new FormData(event.currentTarget).getAll("account").length === 0
    ) {
      event.preventDefault();
      setError("Choose at least one account");
      return;
    }
    setError("");
    // A limit raised or mistyped is said at its field, not on a bare page from the server.
    const field = event.currentTarget.elements.namedItem("send_limit_amount");
    if (decision === "allow" && askedLimit && field instanceof HTMLInputElement) {
      const refusal = loweredLimitRefusal(askedLimit, field.value);
      setLimitError(refusal ?? "");
      if (!refusal) field.removeAttribute("aria-invalid");
      else {
        event.preventDefault();
        field.setAttribute("aria-invalid", "true");
        field.focus();
        return;
      }
    }
    setSending(decision);
  }

  const button =
    "rounded-full px-5 py-2 font-medium aria-disabled:cursor-wait aria-disabled:opacity-70";
  return (
    <form
      method="post"
      action="/sandbox/login/oauth2/consent"
      onSubmit={onSubmit}
      aria-busy={sending !== null}
      className="space-y-6"
    >
      <input type="hidden" name="pending" value={pendingId} />
      {limit && (
        <div className="space-y-1">
          {limit}
          <p
            id={SEND_LIMIT_ERROR_ID}
            aria-live="polite"
            className="text-sm font-medium text-red-700"
          >
            {limitError}
          </p>
        </div>
      )}
      {children}
      <p id={ACCOUNT_ERROR_ID} aria-live="polite" className="text-sm font-medium text-red-700">
        {error}
      </p>
      <div className="flex flex-wrap gap-3">
        <button
          name="decision"
          value="allow"
          aria-disabled={sending !== null}
          className={`${button} bg-blue-700 text-white hover:bg-blue-800`}
        >
          {sending === "allow" ? "Allowing…" : "Allow"}
        </button>
        <button
          name="decision"
          value="deny"
          aria-disabled={sending !== null}
          className={`${button} border border-slate-400 hover:bg-slate-100`}
        >
          {sending === "deny" ? "Denying…" : "Deny"}
        </button>
      </div>
    </form>
  );
}
