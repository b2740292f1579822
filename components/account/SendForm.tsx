"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import type { SendView } from "@/lib/oauth/send-view";
import type { CoinbaseTransaction } from "@/lib/oauth/transactions-api";
import { checkSend, type SendErrors, type SendValues } from "./send-state";
import { TransactionStatus } from "./TransactionStatus";

type Phase = "form" | "sending" | "code" | "done";
type Answer =
  | { transaction: CoinbaseTransaction }
  | { error: { code: string; message: string; issues?: { path: string; message: string }[] } };

const FINAL = ["completed", "failed", "canceled", "expired"];

/**
 * Send crypto from a shared account. One `idem` per attempt: made on the first submit,
 * kept through the two-step code, a retry or a double click, so Coinbase sends at most
 * once; a changed form is a new attempt.
 */
export function SendForm({ view }: { view: SendView }) {
  const router = useRouter();
  const first = view.accounts[0];
  const [values, setValues] = useState<SendValues>({
    accountId: first?.id ?? "",
    network: first?.networks[0] ?? "",
    to: "",
    amount: "",
  });
  const [errors, setErrors] = useState<SendErrors>({});
  const [phase, setPhase] = useState<Phase>("form");
  const [message, setMessage] = useState("");
  const [code, setCode] = useState("");
  const [expired, setExpired] = useState(false);
  const [transaction, setTransaction] = useState<CoinbaseTransaction | null>(null);
  const idem = useRef<string | null>(null);
  const busy = useRef(false);
  const account = view.accounts.find((a) => a.id === values.accountId);
  const limit = view.budget && {
    currency: view.budget.limit.currency,
    period: view.budget.limit.period,
    remainingCents: view.budget.remainingCents,
  };

  function update(patch: Partial<SendValues>) {
    // A different request is a new attempt, with a new idem.
    idem.current = null;
    setValues((v) => ({ ...v, ...patch }));
    setErrors({});
    setMessage("");
    if (phase === "code") setPhase("form");
  }

  async function send(twoFactorToken?: string) {
    if (busy.current) return; // a double click sends once
    busy.current = true;
    idem.current ??= crypto.randomUUID();
    setPhase("sending");
    setMessage("");
    try {
      const response = await fetch("/api/oauth/send", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...values, idem: idem.current, twoFactorToken }),
      });
      await onAnswer((await response.json()) as Answer);
    } catch {
      setPhase(twoFactorToken ? "code" : "form");
      setMessage("Could not reach the server. Try again: the same send is never made twice.");
    } finally {
      busy.current = false;
    }
  }

  async function onAnswer(answer: Answer) {
    if ("transaction" in answer) {
      setTransaction(answer.transaction);
      setPhase("done");
      setCode("");
      await follow(answer.transaction);
      return;
    }
    const { code: errorCode, message: text, issues } = answer.error;
    setExpired(errorCode === "two_factor_expired");
    if (errorCode === "two_factor_required") {
      setPhase("code");
      setMessage("Coinbase sent you a two-step verification code. Enter it to approve this send.");
      return;
    }
    if (errorCode === "invalid_two_factor" || errorCode === "two_factor_expired") {
      setPhase("code");
      setCode("");
      setMessage(text);
      return;
    }
    setPhase("form");
    setMessage(text);
    const fieldErrors: SendErrors = {};
    for (const issue of issues ?? []) fieldErrors[issue.path as keyof SendValues] ??= issue.message;
    if (errorCode === "invalid_address") fieldErrors.to = text;
    setErrors(fieldErrors);
  }

  // Follows the send until it is final; each look is a fresh GET, one at a time.
  async function follow(start: CoinbaseTransaction) {
    let current = start;
    while (!FINAL.includes(current.status)) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const response = await fetch(
        `/api/oauth/transactions/${encodeURIComponent(values.accountId)}/${encodeURIComponent(current.id)}`,
      ).catch(() => null);
      if (!response?.ok) continue;
      current = ((await response.json()) as { transaction: CoinbaseTransaction }).transaction;
      setTransaction(current);
    }
    idem.current = null;
    router.refresh(); // balances and what is left of the limit
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (phase === "code") {
      if (!/^\d{4,10}$/.test(code.trim())) {
        setMessage("Enter the code from the message: digits only");
        return;
      }
      void send(code.trim());
      return;
    }
    const found = checkSend(values, account, limit, account && view.prices[account.currency]);
    setErrors(found);
    if (Object.keys(found).length) {
      setMessage("Check the highlighted fields: nothing was sent.");
      return;
    }
    void send();
  }

  if (view.accounts.length === 0) {
    return <p className="text-sm">None of the accounts you shared can send crypto here.</p>;
  }
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Send crypto">
        <Select
          label="From account"
          value={values.accountId}
          disabled={phase !== "form"}
          onChange={(accountId) => {
            const next = view.accounts.find((a) => a.id === accountId);
            update({ accountId, network: next?.networks[0] ?? "" });
          }}
          options={view.accounts.map((a) => ({
            value: a.id,
            label: `${a.name} (${a.balance} ${a.currency})`,
          }))}
          error={errors.accountId}
        />
        {account && account.networks.length > 1 && (
          <Select
            label="Network"
            value={values.network}
            disabled={phase !== "form"}
            onChange={(network) => update({ network })}
            options={account.networks.map((n) => ({ value: n, label: n }))}
          />
        )}
        <Input
          label="To (address or email)"
          value={values.to}
          disabled={phase !== "form"}
          onChange={(to) => update({ to })}
          error={errors.to}
        />
        <Input
          label={`Amount in ${account?.currency ?? "the account's currency"}`}
          value={values.amount}
          disabled={phase !== "form"}
          inputMode="decimal"
          onChange={(amount) => update({ amount })}
          error={errors.amount}
        />
        {phase === "code" || (phase === "sending" && code) ? (
          <Input
            label="Two-step verification code"
            value={code}
            inputMode="numeric"
            autoComplete="one-time-code"
            onChange={setCode}
          />
        ) : null}
        <p aria-live="polite" role="status" className="min-h-5 text-sm text-slate-800">
          {message}
        </p>
        {phase === "code" && view.codeHint && (
          <p className="text-xs text-slate-600">
            {view.codeHint}{" "}
            <a href="/sandbox/inbox" target="_blank" className="underline">
              Open the sandbox inbox
            </a>
          </p>
        )}
        <div className="flex flex-wrap gap-3">
          <button
            type="submit"
            disabled={phase === "sending" || phase === "done"}
            className="rounded-full bg-blue-700 px-5 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-70"
          >
            {phase === "sending" ? "Sending…" : phase === "code" ? "Approve send" : "Send"}
          </button>
          {phase === "code" && expired && (
            <button
              type="button"
              onClick={() => void send()}
              className="rounded-full border border-slate-400 px-4 py-2 text-sm"
            >
              Send a new code
            </button>
          )}
          {phase === "code" && (
            <button
              type="button"
              onClick={() => update({})}
              className="rounded-full px-4 py-2 text-sm underline"
            >
              Cancel
            </button>
          )}
        </div>
      </form>
      {transaction && (
        <TransactionStatus
          transaction={transaction}
          onAnother={() => {
            setTransaction(null);
            setPhase("form");
            setValues((v) => ({ ...v, to: "", amount: "" }));
            setMessage("");
          }}
        />
      )}
    </div>
  );
}

function Input(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  disabled?: boolean;
  inputMode?: "decimal" | "numeric";
  autoComplete?: string;
}) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {props.label}
      </label>
      <input
        id={id}
        value={props.value}
        disabled={props.disabled}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete ?? "off"}
        aria-invalid={Boolean(props.error)}
        aria-describedby={`${id}-error`}
        onChange={(e) => props.onChange(e.target.value)}
        className="w-full rounded-lg border border-slate-300 px-3 py-2 font-mono text-sm"
      />
      <p id={`${id}-error`} aria-live="polite" className="min-h-5 text-sm text-red-700">
        {props.error}
      </p>
    </div>
  );
}

function Select(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  error?: string;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {props.label}
      </label>
      <select
        id={id}
        value={props.value}
        disabled={props.disabled}
        aria-describedby={`${id}-error`}
        onChange={(e) => props.onChange(e.target.value)}
        className="w-full rounded-lg border border-slate-300 px-3 py-2 text-sm"
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <p id={`${id}-error`} aria-live="polite" className="min-h-5 text-sm text-red-700">
        {props.error}
      </p>
    </div>
  );
}
