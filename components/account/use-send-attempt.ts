"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { CoinbaseTransaction } from "@/lib/oauth/transactions-api";
import type { SendErrors, SendValues } from "./send-state";

export type SendPhase = "form" | "sending" | "code" | "done";
type Answer =
  | { transaction: CoinbaseTransaction }
  | { error: { code: string; message: string; issues?: { path: string; message: string }[] } };

const FINAL = ["completed", "failed", "canceled", "expired"];
// Checked after 1 s, then less and less often (up to every 10 s), for at most 3 minutes:
// a send can stay pending on Coinbase far longer, and each check counts against the user's
// hourly requests.
const FIRST_CHECK_MS = 1_000;
const MAX_CHECK_MS = 10_000;
const FOLLOW_FOR_MS = 3 * 60_000;

/**
 * One send attempt against `POST /api/oauth/send`. The `idem` is made on the first submit
 * and kept through the two-step code, a retry or a double click, so Coinbase sends at most
 * once; `restart()` (the form changed) begins a new attempt. A created send is followed until
 * final, then the page refreshes its balances and what is left of the limit.
 */
export function useSendAttempt(onFieldErrors: (errors: SendErrors) => void) {
  const router = useRouter();
  const [phase, setPhase] = useState<SendPhase>("form");
  const [message, setMessage] = useState("");
  const [code, setCode] = useState("");
  const [codeExpired, setCodeExpired] = useState(false);
  /** The last answer said the Coinbase session has ended: only connecting again helps. */
  const [ended, setEnded] = useState(false);
  const [transaction, setTransaction] = useState<CoinbaseTransaction | null>(null);
  /** Why the send is no longer followed before it was final; the form is free again. */
  const [unfollowed, setUnfollowed] = useState<string | null>(null);
  const idem = useRef<string | null>(null);
  const busy = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  function restart() {
    idem.current = null;
    setMessage("");
    // A new attempt gets a new code: digits typed for the old one would only be refused.
    setCode("");
    setPhase((current) => (current === "code" ? "form" : current));
  }

  async function send(values: SendValues, twoFactorToken?: string) {
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
      await onAnswer(values.accountId, (await response.json()) as Answer);
    } catch {
      setPhase(twoFactorToken ? "code" : "form");
      setMessage("Could not reach the server. Try again: the same send is never made twice.");
    } finally {
      busy.current = false;
    }
  }

  async function onAnswer(accountId: string, answer: Answer) {
    if ("transaction" in answer) {
      setTransaction(answer.transaction);
      setPhase("done");
      setCode("");
      await follow(accountId, answer.transaction);
      return;
    }
    const { code, message: text, issues } = answer.error;
    setCodeExpired(code === "two_factor_expired");
    setEnded(code === "not_connected");
    if (code === "two_factor_required") {
      setPhase("code");
      setMessage("Coinbase sent you a two-step verification code. Enter it to approve this send.");
      return;
    }
    if (code === "invalid_two_factor" || code === "two_factor_expired") {
      setPhase("code");
      setCode("");
      onFieldErrors({ code: text }); // said at the code field, which gets the focus back
      return;
    }
    setPhase("form");
    setMessage(text);
    const fieldErrors: SendErrors = {};
    for (const issue of issues ?? []) fieldErrors[issue.path as keyof SendValues] ??= issue.message;
    if (code === "invalid_address") fieldErrors.to = text;
    onFieldErrors(fieldErrors);
  }

  // One fresh GET at a time, until the send is final, cannot be checked any more (the
  // session ended, no permission to read it), has been followed long enough, or the form is gone.
  async function follow(accountId: string, start: CoinbaseTransaction) {
    const path = `/api/oauth/transactions/${encodeURIComponent(accountId)}/${encodeURIComponent(start.id)}`;
    const until = Date.now() + FOLLOW_FOR_MS;
    let current = start;
    let wait = FIRST_CHECK_MS;
    let stopped: string | null = null;
    let refused = false; // the checks were refused: what the page shows cannot be refreshed
    while (!FINAL.includes(current.status) && mounted.current) {
      if (Date.now() + wait > until) {
        stopped = "Coinbase is still working on it: its status is in your Coinbase account.";
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(MAX_CHECK_MS, Math.round(wait * 1.5));
      const response = await fetch(path).catch(() => null);
      if (response && [401, 403, 404].includes(response.status)) {
        const answer = (await response.json().catch(() => null)) as Answer | null;
        const why = answer && "error" in answer ? answer.error.message.replace(/\.$/, "") : "";
        stopped = `${why ? `${why}. ` : ""}The send was made: its status is in your Coinbase account.`;
        refused = true;
        break;
      }
      if (!response?.ok) continue; // a passing failure: the next check may work
      current = ((await response.json()) as { transaction: CoinbaseTransaction }).transaction;
      setTransaction(current);
    }
    idem.current = null;
    if (stopped && mounted.current) setUnfollowed(stopped);
    // Balances and what is left of the limit; not after a refusal, which would replace this
    // note with "Not connected" before the user has read that the send was made.
    if (!refused) router.refresh();
  }

  function another() {
    setTransaction(null);
    setUnfollowed(null);
    setPhase("form");
    setMessage("");
  }

  return {
    ...{ phase, message, setMessage, code, setCode, codeExpired, ended, transaction, unfollowed },
    ...{ send, restart, another },
  };
}
