"use client";

import { useEffect, useRef, useState } from "react";
import type { ButtonKind } from "@/lib/sandbox/onramp/payment-page";

/**
 * The sandbox's stand-in for Coinbase's Apple Pay / Google Pay payment link: a wallet-styled
 * "Pay" button, a "Decline" one (a card the issuer refuses) and a "Cancel" one (the wallet's
 * sheet closed without paying: the order stays payable). Like Coinbase's, it tells its parent
 * what happens through `postMessage`, as JSON strings, to the parent's exact origin.
 */
interface Props {
  kind: ButtonKind;
  sessionToken: string;
  parentOrigin: string;
  total: string;
  payable: boolean;
}

// What the button says is its own: the app says what a decline means for the order.
const DECLINED = "Your card was declined by its issuer.";
const OVER_LIMIT =
  "Declined: this payment would go over your weekly limit, after your other purchases. Nothing was charged.";
const POLL_MS = 1000;

function post(parentOrigin: string, eventName: string, data?: object) {
  if (window.parent === window) return;
  window.parent.postMessage(JSON.stringify({ eventName, ...(data ? { data } : {}) }), parentOrigin);
}

export function GuestPayButton({ kind, sessionToken, parentOrigin, total, payable }: Props) {
  const [state, setState] = useState<"ready" | "busy" | "done" | "failed">(
    payable ? "ready" : "failed",
  );
  const [note, setNote] = useState(payable ? "" : "This order can no longer be paid.");
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    post(parentOrigin, "onramp_api.load_pending");
    if (payable) post(parentOrigin, "onramp_api.load_success");
    else
      post(parentOrigin, "onramp_api.load_error", {
        errorCode: "ERROR_CODE_NOT_PAYABLE",
        errorMessage: "This order can no longer be paid.",
      });
  }, [parentOrigin, payable]);

  async function commit(action: "pay" | "decline") {
    setState("busy");
    const response = await fetch("/sandbox/pay/v2/api-onramp/commit", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sessionToken, action }),
    }).catch(() => null);
    if (!response?.ok) {
      setState("failed");
      setNote("The payment could not be sent.");
      post(parentOrigin, "onramp_api.commit_error", {
        errorCode: "ERROR_CODE_UNKNOWN",
        errorMessage: "The payment could not be sent.",
      });
      return;
    }
    // "Pay" declined too when other payments used up the week's limit (payment-page.ts).
    const { status } = (await response.json().catch(() => ({}))) as { status?: string };
    if (action === "decline" || status === "ONRAMP_ORDER_STATUS_FAILED") {
      const message = action === "decline" ? DECLINED : OVER_LIMIT;
      setState("failed");
      setNote(message);
      post(parentOrigin, "onramp_api.commit_error", {
        errorCode: action === "decline" ? "ERROR_CODE_CARD_DECLINED" : "ERROR_CODE_LIMIT_EXCEEDED",
        errorMessage: message,
      });
      return;
    }
    post(parentOrigin, "onramp_api.commit_success");
    post(parentOrigin, "onramp_api.polling_start");
    setNote("Paid. Sending your crypto…");
    await poll();
  }

  async function poll() {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const response = await fetch(
        `/sandbox/pay/v2/api-onramp/status?sessionToken=${encodeURIComponent(sessionToken)}`,
      ).catch(() => null);
      const body = (await response?.json().catch(() => null)) as { status?: string } | null;
      if (body?.status === "ONRAMP_ORDER_STATUS_COMPLETED") {
        setState("done");
        setNote("Done.");
        post(parentOrigin, "onramp_api.polling_success");
        return;
      }
      if (body?.status === "ONRAMP_ORDER_STATUS_FAILED" || !response?.ok) {
        setState("failed");
        setNote("The purchase failed.");
        post(parentOrigin, "onramp_api.polling_error", {
          errorCode: "ERROR_CODE_FAILED",
          errorMessage: "The purchase failed after payment.",
        });
        return;
      }
    }
  }

  const apple = kind === "apple-pay";
  return (
    <section aria-label="Sandbox payment" className="space-y-3">
      <p className="text-sm text-slate-700">
        Sandbox {apple ? "Apple Pay" : "Google Pay"}: {total}. No real money moves.
      </p>
      {/* Wraps on a narrow frame (a 320 px phone) rather than cutting off Cancel. */}
      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          disabled={state !== "ready"}
          onClick={() => void commit("pay")}
          className={`rounded-lg px-6 py-3 font-semibold whitespace-nowrap disabled:opacity-60 ${apple ? "bg-black text-white" : "border border-slate-400 bg-white text-black"}`}
        >
          {apple ? <AppleMark /> : <span aria-hidden="true">G </span>}
          Pay
        </button>
        <button
          type="button"
          disabled={state !== "ready"}
          onClick={() => void commit("decline")}
          className="rounded-lg border border-red-300 px-4 py-3 text-red-800 disabled:opacity-60"
        >
          Decline
        </button>
        <button
          type="button"
          disabled={state !== "ready"}
          onClick={() => {
            setNote("Closed without paying.");
            post(parentOrigin, "onramp_api.cancel");
          }}
          className="rounded-lg border border-slate-300 px-4 py-3 disabled:opacity-60"
        >
          Cancel
        </button>
      </div>
      <p aria-live="polite" className="text-sm">
        {note}
      </p>
    </section>
  );
}

/**
 * A plain apple drawn here: the Apple logo character (U+F8FF) is in a private-use range that
 * only Apple's fonts draw, so elsewhere it showed as a missing-glyph box.
 */
function AppleMark() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 16 16"
      className="mr-1 inline size-4 align-[-2px]"
      fill="currentColor"
    >
      <path d="M8 4.5c-1-.9-2.6-1.1-3.7-.2C2.9 5.4 2.8 7.8 3.6 9.9c.6 1.6 1.7 3.6 3 3.6.6 0 .9-.3 1.4-.3s.8.3 1.4.3c1.3 0 2.4-2 3-3.6.8-2.1.7-4.5-.7-5.6-1.1-.9-2.7-.7-3.7.2z" />
      <path d="M8.2 3.8c.1-1.3.9-2.3 2.1-2.6-.1 1.3-.9 2.3-2.1 2.6z" />
    </svg>
  );
}
