"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { CoinbaseTransaction } from "@/lib/oauth/transactions-api";
import type { SendErrors, SendValues } from "./send-state";

/**
 * "unsure": the last try may have reached Coinbase (no answer, or a 5xx), so the send may have
 * been made. The form is held as it is, with its `idem`: trying again answers the send made,
 * if any, and never makes a second; a change would start a new send beside it.
 */
export type SendPhase = "form" | "sending" | "code" | "unsure" | "done";
type Answer =
  | { transaction: CoinbaseTransaction }
  | { error: { code: string; message: string; issues?: { path: string; message: string }[] } };

const FINAL = ["completed", "failed", "canceled", "expired"];
const UNSURE =
  "Coinbase may or may not have made this send. Try again to find out: it is never made twice (a new send instead could be a second one).";
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
  /**
   * The last answer said the Coinbase session cannot be used: the way on is to connect again,
   * or (its owner's app sign-in ran out while the page was open) to sign in again.
   */
  const [ended, setEnded] = useState<"connect" | "sign_in" | null>(null);
  const [transaction, setTransaction] = useState<CoinbaseTransaction | null>(null);
  /** Why the send is no longer followed before it was final; the form is free again. */
  const [unfollowed, setUnfollowed] = useState<string | null>(null);
  const idem = useRef<string | null>(null);
  /** The two-step code the last try carried: trying again after no answer sends it again. */
  const lastCode = useRef<string | undefined>(undefined);
  const busy = useRef(false);
  /** This attempt may have gone out already (no answer came): a refusal now does not undo that. */
  const mayHaveGone = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  function restart() {
    idem.current = null;
    lastCode.current = undefined;
    mayHaveGone.current = false;
    setMessage("");
    // A new attempt gets a new code: digits typed for the old one would only be refused.
    setCode("");
    setPhase((current) => (current === "code" || current === "unsure" ? "form" : current));
  }

  async function send(values: SendValues, twoFactorToken?: string) {
    if (busy.current) return; // a double click sends once
    busy.current = true;
    setPhase("sending");
    setMessage("");
    lastCode.current = twoFactorToken;
    try {
      // Inside the try: a page that is not a secure context (plain http on a network address)
      // has no randomUUID, and the button must not stay busy for good.
      idem.current ??= newIdem();
      const response = await fetch("/api/oauth/send", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...values, idem: idem.current, twoFactorToken }),
      });
      const answer = (await response.json()) as Answer;
      // A 5xx may come after the send went out: unsure. Not the database's: it is needed before.
      if (
        response.status >= 500 &&
        "error" in answer &&
        answer.error.code !== "database_unavailable"
      ) {
        mayHaveGone.current = true;
        setPhase("unsure");
        setMessage(`${answer.error.message.replace(/\.$/, "")}. ${UNSURE}`);
        return;
      }
      await onAnswer(values.accountId, answer);
    } catch {
      mayHaveGone.current = true;
      setPhase("unsure");
      setMessage(`Could not reach the server. ${UNSURE}`);
    } finally {
      busy.current = false;
    }
  }

  async function onAnswer(accountId: string, answer: Answer) {
    if ("transaction" in answer) {
      mayHaveGone.current = false; // known now: made, and followed
      setTransaction(answer.transaction);
      setPhase("done");
      setCode("");
      // The send counts against the limit and the balance from now on, not once it is final:
      // the next amount typed is checked against what is left.
      router.refresh();
      await follow(accountId, answer.transaction);
      return;
    }
    const { code, message: text, issues } = answer.error;
    setCodeExpired(code === "two_factor_expired");
    setEnded(code === "not_connected" ? "connect" : code === "sign_in_required" ? "sign_in" : null);
    if (code === "two_factor_required") {
      setPhase("code");
      setCode(""); // a new code was sent: digits typed for an earlier one would be refused
      setMessage("Coinbase sent you a two-step verification code. Enter it to approve this send.");
      return;
    }
    if (code === "invalid_two_factor" || code === "two_factor_expired") {
      setPhase("code");
      setCode("");
      onFieldErrors({ code: text }); // said at the code field, which gets the focus back
      return;
    }
    // Refused on trying again (the database down, say): the first try may still have gone
    // out, so the form stays held, and a changed one is not offered as a new send.
    if (mayHaveGone.current) {
      setPhase("unsure");
      // (This try's own "Nothing was sent" is of this try only.)
      const why = text.replace(/^Nothing was sent: /, "").replace(/\.$/, "");
      setMessage(
        code === "not_connected" || code === "sign_in_required"
          ? `Trying again was refused: ${why}. The first try may have been made: its status is in your Coinbase account.`
          : `Trying again did not reach Coinbase: ${why}. ${UNSURE}`,
      );
      return;
    }
    setPhase("form");
    setMessage(text);
    // Refused for what is left (sent from another tab or device meanwhile): the limit and
    // balances shown, which the form checks the next amount against, are read again.
    if (code === "send_limit_exceeded" || code === "insufficient_funds") router.refresh();
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
      // An answer cut short counts as a passing failure too: the send was made all the same.
      const read = response?.ok
        ? ((await response.json().catch(() => null)) as {
            transaction?: CoinbaseTransaction;
          } | null)
        : null;
      if (!read?.transaction) continue; // a passing failure: the next check may work
      current = read.transaction;
      setTransaction(current);
    }
    idem.current = null;
    if (stopped && mounted.current) setUnfollowed(stopped);
    // Balances and what is left of the limit; not after a refusal, which would replace this
    // note with "Not connected" before the user has read that the send was made.
    if (!refused) router.refresh();
  }

  /**
   * After no answer ("unsure"): the identical request, its `idem` and the code it carried, so
   * Coinbase answers with the send if it was made, and makes it once if not.
   */
  function retry(values: SendValues) {
    return send(values, lastCode.current);
  }

  function another() {
    setTransaction(null);
    setUnfollowed(null);
    setPhase("form");
    setMessage("");
  }

  return {
    ...{ phase, message, setMessage, code, setCode, codeExpired, ended, transaction, unfollowed },
    ...{ send, retry, restart, another },
  };
}

/** A UUID v4, as Coinbase wants `idem`; from getRandomValues where randomUUID is missing. */
function newIdem(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
