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
const FOLLOW_EVERY_MS = 1_000;

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
  const [transaction, setTransaction] = useState<CoinbaseTransaction | null>(null);
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
    if (code === "two_factor_required") {
      setPhase("code");
      setMessage("Coinbase sent you a two-step verification code. Enter it to approve this send.");
      return;
    }
    if (code === "invalid_two_factor" || code === "two_factor_expired") {
      setPhase("code");
      setCode("");
      setMessage(text);
      return;
    }
    setPhase("form");
    setMessage(text);
    const fieldErrors: SendErrors = {};
    for (const issue of issues ?? []) fieldErrors[issue.path as keyof SendValues] ??= issue.message;
    if (code === "invalid_address") fieldErrors.to = text;
    onFieldErrors(fieldErrors);
  }

  // One fresh GET at a time, until the send is final or the form is gone.
  async function follow(accountId: string, start: CoinbaseTransaction) {
    let current = start;
    while (!FINAL.includes(current.status) && mounted.current) {
      await new Promise((resolve) => setTimeout(resolve, FOLLOW_EVERY_MS));
      const path = `/api/oauth/transactions/${encodeURIComponent(accountId)}/${encodeURIComponent(current.id)}`;
      const response = await fetch(path).catch(() => null);
      if (!response?.ok) continue;
      current = ((await response.json()) as { transaction: CoinbaseTransaction }).transaction;
      setTransaction(current);
    }
    idem.current = null;
    router.refresh(); // balances and what is left of the limit
  }

  function another() {
    setTransaction(null);
    setPhase("form");
    setMessage("");
  }

  return {
    ...{ phase, message, setMessage, code, setCode, codeExpired, transaction },
    ...{ send, restart, another },
  };
}
