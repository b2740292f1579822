"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import {
  nextPaymentState,
  readPaymentMessage,
  type PaymentState,
} from "@/lib/guest/payment-events";
import { replacingOrder } from "@/lib/ramp/transactions";
import { useInBrowser } from "@/components/shared/use-in-browser";
import { BUTTON } from "./flow-ui";
import { guestApi } from "./guest-api";
import { PaySummary } from "./PaySummary";
import type { PlacedOrder } from "./PurchaseForm";
import { useOrderWatch } from "./use-order-watch";

/**
 * Coinbase's payment link in an iframe (`allow="payment"`: Apple Pay and Google Pay need
 * it). Its messages are read only from its own window and origin and shown as states; they
 * are hints: on `polling_success` or a failure the order API is asked, and the completion
 * page shows what it says. Once the user has paid, the order can only be followed, never
 * changed: a second order could charge them twice.
 */
const TEXT: Record<PaymentState["kind"], string> = {
  loading: "Loading the payment button…",
  ready: "Ready: pay with the button below.",
  paying: "Paying…",
  processing: "Payment received: Coinbase is sending your crypto…",
  unconfirmed: "Payment made: checking with Coinbase how the order went…",
  failed: "Payment failed",
  load_failed: "The payment button did not load: no money moved.",
  cancelled: "Payment cancelled: pay with the button again, or change your order.",
};

// A payment the button refused (a declined card), said in the app's own words, once: the
// button's message is Coinbase's wording, shown in the frame already. Its messages are hints
// (Headless Onramp docs): that nothing was charged is said once the order API confirms it.
const REFUSED = `${TEXT.failed}: the payment did not go through.`;

// Coinbase's button says it has loaded within seconds; past this, say so and offer to load it again.
const SLOW_LOAD_MS = 15_000;

// The frame, and the space it holds until it is created.
const FRAME_BOX = "h-80 w-full rounded-lg border border-slate-200 bg-white";

// Before the payment is made, or after it was refused, the order may change; never after.
const CHANGEABLE: PaymentState["kind"][] = [
  "loading",
  "ready",
  "load_failed",
  "cancelled",
  "failed",
];

// Before this tab's button was used, the order may be paid elsewhere (another tab, a reload);
// after the button said it failed, Coinbase may yet report it paid (the button is a hint).
const WATCHED: PaymentState["kind"][] = ["loading", "ready", "load_failed", "cancelled", "failed"];

/** The payment's state as its status line says it, with Coinbase's reason where it gave one. */
function stateText(state: PaymentState): string {
  if (state.kind === "failed")
    return state.paymentRefused ? REFUSED : `${TEXT.failed}: ${state.message}`;
  if (state.kind === "load_failed" && state.message)
    return `${TEXT.load_failed} Coinbase says: ${state.message}`;
  return TEXT[state.kind];
}

export function PaymentFrame({
  order,
  onChange,
  onFailed,
  onReplaced,
}: {
  order: PlacedOrder;
  onChange: () => void;
  /** The payment did not go through (a declined card): the purchase may be made again. */
  onFailed: () => void;
  /** Another tab replaced this order before it was paid: `replacedBy` is the one to pay. */
  onReplaced: (replacedBy: string) => void;
}) {
  const frame = useRef<HTMLIFrameElement>(null);
  const stateLine = useRef<HTMLParagraphElement>(null);
  const [state, setState] = useState<PaymentState>({ kind: "loading" });
  const [confirmed, setConfirmed] = useState<string>();
  // A refused payment's "Try again" (a new order in this one's place) waits for the order API.
  const [refusalChecked, setRefusalChecked] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [slow, setSlow] = useState(false);
  const failed = useRef(onFailed);
  const replaced = useRef(onReplaced);
  useEffect(() => {
    failed.current = onFailed;
    replaced.current = onReplaced;
  });
  // The frame is created once the page's script runs and listens to it: rendered with the
  // page, it could load and say "ready" first (a reload, a slow phone), and the step would
  // read "Loading the payment button…" until it gave up.
  const inBrowser = useInBrowser();
  const origin = new URL(order.paymentLinkUrl).origin;
  const wallet = order.paymentLinkType.includes("GOOGLE") ? "Google Pay" : "Apple Pay";
  const otherWallet = wallet === "Google Pay" ? "Apple Pay" : "Google Pay";

  useEffect(() => {
    /** Asks the order API how the order stands, and acts on it; false when it did not answer. */
    async function askCoinbase(thenOpen: boolean, refused = false): Promise<boolean> {
      const result = await guestApi<{ transaction: { status: string } }>(
        `/api/guest/orders/${order.orderId}`,
      );
      const status = result.ok ? result.data.transaction.status : undefined;
      const orderFailed = status === "failed";
      // However it failed (declined, or paid and then failed while the button lost track), the
      // purchase is kept to buy again: Back from the order's page brings it back.
      if (orderFailed) failed.current();
      if (thenOpen) openOrderPage(paidOrderPage(order.orderId));
      // A payment refused at the button, and the order failed or still unpaid: nothing taken.
      else if (orderFailed)
        setConfirmed(
          refused
            ? "Coinbase confirms the order failed: nothing was charged."
            : "Coinbase confirms the order failed.",
        );
      else if (refused && status === "awaiting_payment")
        setConfirmed("Coinbase confirms the order is unpaid: nothing was charged.");
      // The button said it failed, yet Coinbase has the payment (the button's own answer was
      // lost, say): the order's page follows it, and "Try again" must not take a second one.
      else if (status === "in_progress" || status === "success")
        openOrderPage(`/buy/guest/orders/${order.orderId}`);
      return result.ok;
    }
    function onMessage(event: MessageEvent) {
      const read = readPaymentMessage(
        { origin: event.origin, source: event.source, data: event.data },
        { origin, source: frame.current?.contentWindow },
      );
      if (!read) return;
      const next = nextPaymentState(read);
      setState(next);
      if (read.name === "onramp_api.polling_success" || next.kind === "unconfirmed")
        void askCoinbase(true);
      // Nothing was paid with a button that did not load; the order may have been paid or
      // closed elsewhere, though (the sandbox's button will not load for such an order).
      else if (next.kind === "load_failed") void askCoinbase(false);
      else if (next.kind === "failed") {
        failed.current();
        setRefusalChecked(false);
        // "Try again" waits for Coinbase's answer: the button's word is a hint, and a payment it
        // lost track of must not be offered again. Unanswered, the order's watch asks on.
        void askCoinbase(false, next.paymentRefused).then(
          (answered) => answered && setRefusalChecked(true),
        );
      }
    }
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [origin, order.orderId]);

  // Once Coinbase said the order failed, there is nothing more to hear about it.
  const watched = WATCHED.includes(state.kind) && !confirmed;
  useOrderWatch(watched ? order.orderId : undefined, (answer) => {
    const status = answer.order.status;
    // Coinbase answered: unpaid or failed, a refused payment may be tried again.
    if (status === "ONRAMP_ORDER_STATUS_PENDING_PAYMENT" || status === "ONRAMP_ORDER_STATUS_FAILED")
      setRefusalChecked(true);
    const replacedBy = replacingOrder(answer.transaction);
    // Paid elsewhere: this button must not be offered again, the order's page says how it goes.
    if (status === "ONRAMP_ORDER_STATUS_PROCESSING" || status === "ONRAMP_ORDER_STATUS_COMPLETED")
      openOrderPage(`/buy/guest/orders/${order.orderId}`);
    else if (status === "ONRAMP_ORDER_STATUS_FAILED") {
      // Declined elsewhere (another tab), this button never told: kept to buy again all the same.
      failed.current();
      setConfirmed(
        (said) => said ?? "Coinbase says this order failed: change the order to buy again.",
      );
    }
    // Replaced in another tab: Coinbase cannot cancel it, and this button would still take a
    // payment for it beside the new order's. It goes; the tab names the order to pay instead.
    else if (replacedBy) replaced.current(replacedBy);
  });

  useEffect(() => {
    if (state.kind !== "loading") return;
    const timer = setTimeout(() => setSlow(true), SLOW_LOAD_MS);
    return () => clearTimeout(timer);
  }, [state.kind, attempt]);

  function loadAgain() {
    setSlow(false);
    setState({ kind: "loading" });
    setAttempt((n) => n + 1);
    // The pressed button goes with the alert: the focus goes to the line saying how it stands.
    stateLine.current?.focus();
  }

  return (
    <section aria-labelledby="pay-title" className="space-y-3">
      <h2 id="pay-title" className="text-xl font-semibold">
        Pay with {wallet}
      </h2>
      <PaySummary order={order.order} />
      <p
        ref={stateLine}
        tabIndex={-1}
        role="status"
        data-testid="payment-state"
        data-state={state.kind}
        className={state.kind === "failed" ? "text-red-800" : "text-slate-800"}
      >
        {stateText(state)}
      </p>
      {/* There before it is filled in, so that what Coinbase confirms is announced: while empty,
          out of sight but not hidden (hidden, a live region is not watched). */}
      <p role="status" className="text-sm text-slate-700 empty:sr-only">
        {confirmed}
      </p>
      {state.kind === "failed" && state.paymentRefused && (
        // A payment refused at the button (a declined card) took nothing: say what to do next.
        <div className="space-y-2 text-sm text-slate-800">
          <p>
            To try again, choose another card in {wallet}, or pay with {otherWallet}: your purchase
            stays as you entered it.
          </p>
          <button type="button" onClick={onChange} disabled={!refusalChecked} className={BUTTON}>
            {refusalChecked ? "Try again" : "Checking with Coinbase…"}
          </button>
        </div>
      )}
      {/* Not once Coinbase said the order failed: the button would only fail to load again. */}
      {state.kind === "load_failed" && !confirmed && (
        <div className="space-y-2 text-sm text-slate-800">
          <p>
            {state.message
              ? "Load it again, or change your order."
              : "Check your connection, then load it again, or change your order."}
          </p>
          <button type="button" onClick={loadAgain} className={BUTTON}>
            Load again
          </button>
        </div>
      )}
      {slow && state.kind === "loading" && (
        <div role="alert" className="space-y-2 text-sm text-slate-800">
          <p>The payment button has not loaded. Check your connection, then load it again.</p>
          <button type="button" onClick={loadAgain} className={BUTTON}>
            Load the button again
          </button>
        </div>
      )}
      {inBrowser ? (
        <iframe
          key={attempt}
          ref={frame}
          src={order.paymentLinkUrl}
          title={`${wallet} payment`}
          allow="payment"
          className={FRAME_BOX}
        />
      ) : (
        <div className={FRAME_BOX} />
      )}
      {state.kind === "failed" && state.paymentRefused ? null : CHANGEABLE.includes(state.kind) ? (
        // Secondary: the payment button above is the step's one primary action.
        <button type="button" onClick={onChange} className="font-medium text-blue-800 underline">
          Change the order
        </button>
      ) : (
        <Link
          href={paidOrderPage(order.orderId)}
          className="inline-block font-medium text-blue-800 underline"
        >
          Follow this order
        </Link>
      )}
    </section>
  );
}

/**
 * A full load, not the router's: Back from the order's page then loads this page afresh (the
 * user verified, the limits spent), where the router would render it again as first loaded,
 * at the phone step.
 */
function openOrderPage(path: string): void {
  window.location.assign(path);
}

/**
 * The order's page, once the user has paid: it says so in the query, so that the page does
 * not read Coinbase's "pending payment" of the moment before it catches up as "not paid".
 */
function paidOrderPage(orderId: string): string {
  return `/buy/guest/orders/${orderId}?after=payment`;
}
