"use client";

import {
  useCallback,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type Dispatch,
  type ReactNode,
  type SetStateAction,
} from "react";
import type { GuestState } from "@/lib/guest/guest-state";
import { prefillOfOrder, type Prefill } from "@/lib/guest/prefill";
import { forgetGuestDraft, keepGuestDraft, useGuestDraft } from "./guest-draft";
import { LastOrderNotice } from "./LastOrderNotice";
import { OvertakenNotice, type Overtaken } from "./OvertakenNotice";
import { PaymentFrame } from "./PaymentFrame";
import { PurchaseForm, type PlacedOrder, type PurchaseValues } from "./PurchaseForm";
import { TermsStep } from "./TermsStep";
import { VerifyStep } from "./VerifyStep";

/**
 * The guest flow, one step at a time: the phone (again when its verification is over 60
 * days old, or when Coinbase says so), the email, Coinbase's terms, then the purchase and
 * its payment in Coinbase's iframe.
 */
interface Props {
  /** The signed-in user the page was shown for, and their email. */
  userId: string;
  email: string;
  initialState: GuestState;
  /** Seconds until a new code may be asked for, for a code pending when the page was shown. */
  codeWaits?: { sms: number; email: number };
  prefill: Prefill;
  /** An order placed before the page was (re)loaded and still waiting for its payment. */
  resumed?: PlacedOrder;
  /** About the last order placed before the page was loaded, shown until one is placed here. */
  notice?: ReactNode;
  /** The unpaid order the next one takes the place of ("buy again" from its page). */
  replaces?: string;
  /** The order the next one is bought beside ("Buy more" on its page). */
  from?: string;
}

const EXPIRED =
  "Your phone verification has run out: Coinbase asks for a new code every 60 days. Verify your phone number again.";

export function GuestCheckout({
  userId,
  email,
  initialState,
  codeWaits,
  prefill,
  resumed,
  notice,
  replaces,
  from,
}: Props) {
  // The waits for new codes as moments, fixed as the page arrives: a step shown later (the
  // email's, once the phone is verified) counts down what is left of its wait then.
  const [codeWaitsUntil] = useState(
    () => codeWaits && { sms: momentIn(codeWaits.sms), email: momentIn(codeWaits.email) },
  );
  const [phoneOk, setPhoneOk] = useState(initialState.phone === "verified");
  const [emailOk, setEmailOk] = useState(initialState.emailVerified);
  const [termsOk, setTermsOk] = useState(initialState.agreementAccepted);
  const [reason, setReason] = useState(initialState.phone === "expired" ? EXPIRED : undefined);
  // The purchase as typed so far, held here so that it outlives a detour to verify again, and
  // in the tab's storage, a reload (guest-draft.ts). Until the user picks a payment method,
  // this browser's own is shown.
  const [draft, setDraft, draftFromTab] = useGuestDraft(prefill);
  const devicePay = useDevicePayMethod();
  const values = { ...draft, paymentMethod: draft.paymentMethod ?? devicePay };
  const setValues: Dispatch<SetStateAction<PurchaseValues>> = (next) =>
    setDraft((d) =>
      typeof next === "function"
        ? next({ ...d, paymentMethod: d.paymentMethod ?? devicePay })
        : next,
    );
  const [order, setOrder] = useState<PlacedOrder | undefined>(resumed);
  // The purchase an order was placed for, to buy again after it: the form's, when placed on this
  // page. A pay step brought back by a reload has the link's purchase in the form (the tab's own
  // was let go once ordered; "Buy more" fills in the last order's wallet), so the order's own
  // stands for it.
  const purchaseOf = (placed: PlacedOrder) => (placedHere ? draft : prefillOfOrder(placed.order));
  // The order the next one replaces: once placed, that one is no longer offered to be paid.
  const [replacing, setReplacing] = useState(replaces);
  // The order left unpaid comes back to its pay step, unless this tab brought other values for
  // the purchase (/buy's hand-over with another wallet or amount): paying it would buy what the
  // user no longer asks for. It is then named, to follow from its own page, and the form shows
  // the purchase as asked now, to be placed in that order's place.
  // (Set while rendering: the tab's draft arrives after the first render, from its storage.)
  const [setAside, setSetAside] = useState<PlacedOrder>();
  // (The link's own values say nothing: the user may have changed them before ordering.)
  const askedNow = draftFromTab && resumed && askedOtherwise(resumed.order, draft);
  if (askedNow && order === resumed && !setAside) {
    setSetAside(resumed);
    setOrder(undefined);
    setReplacing(resumed.orderId);
  }
  // Another tab's order took the place of this tab's, or the order being changed was paid for
  // elsewhere (OvertakenNotice): that one is the one to follow, none is paid here.
  const [overtaken, setOvertaken] = useState<{ replacedBy: string; lost: Overtaken }>();
  // Once an order is placed here, it is the last one: the notice about an older one would mislead.
  const [placedHere, setPlacedHere] = useState(false);
  // Codes sent before the page loaded and not yet entered; once a step is done, none is.
  const [pending, setPending] = useState({
    sms: initialState.pendingSms,
    email: initialState.pendingEmail,
  });

  const verifyAgain = useCallback((message: string, code: string) => {
    setReason(message);
    // Only the one that ran out is asked again: a needless text costs the user a wait, us a fee.
    if (code !== "email_verification_expired") setPhoneOk(false);
    if (code !== "phone_verification_expired") setEmailOk(false);
    setOrder(undefined);
  }, []);

  const step = !phoneOk
    ? "sms"
    : !emailOk
      ? "email"
      : !termsOk
        ? "terms"
        : order
          ? "pay"
          : overtaken
            ? "overtaken"
            : "purchase";
  const stepRef = useFocusOnChange<HTMLDivElement>(step);

  return (
    <div className="space-y-6">
      {!placedHere &&
        (setAside ? (
          <LastOrderNotice
            orderId={setAside.orderId}
            initial="unfinished"
            replacedOnContinue
            purchase={{
              total: setAside.order.paymentTotal,
              currency: setAside.order.paymentCurrency,
              asset: setAside.order.purchaseCurrency,
              network: setAside.order.destinationNetwork,
            }}
          />
        ) : (
          notice
        ))}
      {/* The step apart from the notice above it: a step change focuses the step's heading. */}
      <div ref={stepRef}>
        {step === "sms" && (
          <VerifyStep
            key="sms"
            channel="sms"
            email={email}
            pageUser={userId}
            // A code asked for before this page loaded is the one to enter, the number's run-out
            // verification included (a reload, a discarded tab, as the text arrives); asked again
            // in the page (an order refused), a code from before it is not.
            pendingTo={reason && reason !== EXPIRED ? undefined : pending.sms}
            initialWait={codeWaitsUntil?.sms}
            reason={reason}
            knownPhone={reason ? initialState.phoneNumber : undefined}
            onVerified={() => {
              setPhoneOk(true);
              setReason(undefined);
              setPending((p) => ({ ...p, sms: undefined }));
            }}
          />
        )}
        {step === "email" && (
          <VerifyStep
            key="email"
            channel="email"
            email={email}
            pageUser={userId}
            pendingTo={pending.email && !reason ? email : undefined}
            initialWait={codeWaitsUntil?.email}
            reason={reason}
            onVerified={() => {
              setEmailOk(true);
              setReason(undefined);
              setPending((p) => ({ ...p, email: false }));
            }}
          />
        )}
        {step === "terms" && <TermsStep pageUser={userId} onAccepted={() => setTermsOk(true)} />}
        {step === "pay" && order && (
          <PaymentFrame
            order={order}
            onFailed={() => keepGuestDraft(purchaseOf(order))}
            onChange={() => {
              setDraft(purchaseOf(order));
              setReplacing(order.orderId);
              setOrder(undefined);
            }}
            onReplaced={(replacedBy) => {
              setOrder(undefined);
              setOvertaken({ replacedBy, lost: "payment" });
            }}
          />
        )}
        {step === "overtaken" && overtaken && <OvertakenNotice {...overtaken} />}
        {step === "purchase" && (
          <PurchaseForm
            pageUser={userId}
            values={values}
            setValues={setValues}
            replaces={replacing}
            earlierOrder={replacing ?? from}
            onPlaced={(placed) => {
              forgetGuestDraft();
              setPlacedHere(true);
              setReplacing(undefined);
              setOrder(placed);
            }}
            onOvertaken={(replacedBy, how) => {
              // Placed, as far as this tab goes: a reload opens the other tab's order, the one to pay.
              forgetGuestDraft();
              setPlacedHere(true);
              setReplacing(undefined);
              setOvertaken({ replacedBy, lost: how });
            }}
            onVerifyAgain={verifyAgain}
          />
        )}
      </div>
    </div>
  );
}

/**
 * Whether the purchase this tab holds differs from `order` in what it buys, where, or for how
 * much. What the tab does not know (no wallet typed yet) differs in nothing.
 */
function askedOtherwise(order: PlacedOrder["order"], draft: Prefill): boolean {
  const differs = (asked: string | undefined, placed: string) =>
    Boolean(asked) && asked!.toLowerCase() !== placed.toLowerCase();
  return (
    differs(draft.asset, order.purchaseCurrency) ||
    differs(draft.network, order.destinationNetwork) ||
    differs(draft.address.trim(), order.destinationAddress) ||
    (Boolean(draft.amount) && Number(draft.amount) !== Number(order.paymentTotal))
  );
}

const noSubscription = () => () => {};

/**
 * Apple Pay where the browser offers it (Safari), Google Pay elsewhere: an Android user who
 * does not look at the choice must not get a button their phone cannot pay with. The server
 * cannot know, so it renders Apple Pay, and the browser corrects it as the page starts.
 */
function useDevicePayMethod(): PurchaseValues["paymentMethod"] {
  const applePay = useSyncExternalStore(
    noSubscription,
    () => "ApplePaySession" in window,
    () => true,
  );
  return applePay ? "GUEST_CHECKOUT_APPLE_PAY" : "GUEST_CHECKOUT_GOOGLE_PAY";
}

/**
 * When `step` changes (not on the first render), focus moves to the new step's heading: the
 * control the user pressed is gone, and a screen reader then reads where they are now.
 */
function useFocusOnChange<T extends HTMLElement>(step: string) {
  const ref = useRef<T>(null);
  const shown = useRef(step);
  useEffect(() => {
    if (shown.current === step) return;
    shown.current = step;
    const heading = ref.current?.querySelector<HTMLElement>("h2");
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus();
  }, [step]);
  return ref;
}

/** `seconds` from now, as a moment (epoch ms); 0 for no wait. */
const momentIn = (seconds: number) => (seconds > 0 ? Date.now() + seconds * 1000 : 0);
