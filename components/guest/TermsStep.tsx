"use client";

import { useId, useRef, useState, type FormEvent } from "react";
import { BUTTON } from "./flow-ui";
import { guestApi } from "./guest-api";
import { ScriptSubmitButton } from "@/components/shared/ScriptSubmitButton";
import { expectedUserHeaders } from "@/lib/auth/expected-user";

/** Coinbase's guest checkout terms, user agreement and privacy policy; acceptance is recorded with its time. */
const LINKS = [
  { href: "https://www.coinbase.com/legal/guest-checkout/us", label: "Guest Checkout Terms" },
  { href: "https://www.coinbase.com/legal/user_agreement", label: "User Agreement" },
  { href: "https://www.coinbase.com/legal/privacy", label: "Privacy Policy" },
];

/** `pageUser`: the user the page was shown for, whose acceptance this is. */
export function TermsStep({ pageUser, onAccepted }: { pageUser: string; onAccepted: () => void }) {
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const id = useId();
  const box = useRef<HTMLInputElement>(null);

  async function accept(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!checked) {
      setError("Accept Coinbase's terms, user agreement and privacy policy to continue");
      // To what is missing, which reads the refusal with it (as every other step does).
      box.current?.focus();
      return;
    }
    setBusy(true);
    const result = await guestApi(
      "/api/guest/agreement",
      { accepted: true },
      { headers: expectedUserHeaders(pageUser) },
    );
    setBusy(false);
    if (result.ok) onAccepted();
    else setError(result.message);
  }

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-4">
      <h2 id={`${id}-title`} className="text-xl font-semibold">
        Coinbase&apos;s terms
      </h2>
      <p className="text-sm text-slate-700">
        Coinbase sells you the crypto. Read its{" "}
        {LINKS.map((link, i) => (
          <span key={link.href}>
            <a
              href={link.href}
              target="_blank"
              rel="noreferrer"
              className="text-blue-800 underline"
            >
              {link.label}
            </a>
            {i < LINKS.length - 2 ? ", " : i === LINKS.length - 2 ? " and " : ""}
          </span>
        ))}
        .
      </p>
      <form onSubmit={accept} noValidate className="space-y-3">
        <div className="flex items-start gap-2">
          <input
            ref={box}
            id={id}
            type="checkbox"
            checked={checked}
            onChange={(e) => {
              setChecked(e.target.checked);
              // Ticked, the box answers the refusal: it no longer stands.
              if (e.target.checked) setError(undefined);
            }}
            aria-describedby={`${id}-error`}
            // Unticked and refused for it: the box is what is wrong (a server's refusal is not).
            aria-invalid={error && !checked ? true : undefined}
            className="mt-1 size-4 shrink-0"
          />
          <label htmlFor={id} className="text-sm">
            I accept Coinbase&apos;s Guest Checkout Terms, User Agreement and Privacy Policy
          </label>
        </div>
        <p id={`${id}-error`} aria-live="polite" className="min-h-5 text-sm text-red-700">
          {error}
        </p>
        <ScriptSubmitButton disabled={busy} className={BUTTON}>
          {busy ? "Saving…" : "Accept and continue"}
        </ScriptSubmitButton>
      </form>
    </section>
  );
}
