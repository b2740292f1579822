"use client";

import { useCallback, useState } from "react";
import type { GuestState } from "@/lib/guest/guest-state";
import type { Prefill } from "@/lib/guest/prefill";
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
  email: string;
  initialState: GuestState;
  prefill: Prefill;
}

const EXPIRED =
  "Your phone verification is more than 60 days old: Coinbase asks for a new code. Verify your phone number again.";

export function GuestCheckout({ email, initialState, prefill }: Props) {
  const [phoneOk, setPhoneOk] = useState(initialState.phone === "verified");
  const [emailOk, setEmailOk] = useState(initialState.emailVerified);
  const [termsOk, setTermsOk] = useState(initialState.agreementAccepted);
  const [reason, setReason] = useState(initialState.phone === "expired" ? EXPIRED : undefined);
  const [values, setValues] = useState<PurchaseValues>({
    ...prefill,
    paymentMethod: "GUEST_CHECKOUT_APPLE_PAY",
  });
  const [order, setOrder] = useState<PlacedOrder>();

  const verifyAgain = useCallback((message: string, code: string) => {
    setReason(message);
    setPhoneOk(false);
    // Only the phone's own expiry leaves the email's verification standing.
    if (code !== "phone_verification_expired") setEmailOk(false);
    setOrder(undefined);
  }, []);

  if (!phoneOk)
    return (
      <VerifyStep
        key="sms"
        channel="sms"
        email={email}
        pendingTo={reason ? undefined : initialState.pendingSms}
        reason={reason}
        onVerified={() => {
          setPhoneOk(true);
          setReason(undefined);
        }}
      />
    );
  if (!emailOk)
    return (
      <VerifyStep
        key="email"
        channel="email"
        email={email}
        pendingTo={initialState.pendingEmail ? email : undefined}
        onVerified={() => setEmailOk(true)}
      />
    );
  if (!termsOk) return <TermsStep onAccepted={() => setTermsOk(true)} />;
  if (order) return <PaymentFrame order={order} onChange={() => setOrder(undefined)} />;
  return (
    <PurchaseForm
      initial={values}
      onPlaced={(placed, chosen) => {
        setValues(chosen);
        setOrder(placed);
      }}
      onVerifyAgain={verifyAgain}
    />
  );
}
