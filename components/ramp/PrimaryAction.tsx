"use client";

import { useId } from "react";
import { GuestCheckoutEntry } from "@/components/guest/GuestCheckoutEntry";
import type { Region } from "@/lib/ramp/countries";
import { typedAmount, type RampFormValues, type Side } from "./form-state";
import { ScriptSubmitButton } from "@/components/shared/ScriptSubmitButton";

/**
 * The form's submit button, with what a signed-out user should know before pressing it, and
 * on /buy the guest checkout (Apple Pay, Google Pay) beside it. `otherAccount`: another account
 * signed in from another tab since the page loaded, which still shows the last one's (their
 * reference, the wallet they typed): nothing goes on from it for the new one until reloaded.
 */
export function PrimaryAction({
  side,
  values,
  region,
  signedIn,
  pending,
  disabled,
  otherAccount,
}: {
  side: Side;
  values: RampFormValues;
  region: Region;
  signedIn: boolean;
  pending: boolean;
  disabled: boolean;
  otherAccount: boolean;
}) {
  const whyOff = useId();
  return (
    <>
      {!signedIn && (
        <p className="text-sm text-slate-700">
          Coinbase asks us to know who is buying or selling: you sign in with your email first, then
          come back to this form as you left it.
        </p>
      )}
      {/* The primary action stays in view (pinned to the bottom while the form scrolls).
          Other ways to pay (a wallet-pay button, say) sit beside it in this row. Opaque, so
          the fields scrolling beneath do not show through the buttons. Not on a short screen
          (a page zoomed to 400%, a phone on its side): there it would hide half the form. */}
      <div
        className="surface bottom-0 z-10 [@media(min-height:30rem)]:sticky -mx-4 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white px-4 py-3"
        data-testid="primary-action"
      >
        <ScriptSubmitButton
          // Pending, it keeps the focus it was pressed with, while it says "Opening Coinbase…".
          disabled={disabled || otherAccount}
          busy={pending}
          describedBy={otherAccount ? whyOff : undefined}
          className="w-full rounded-full bg-blue-700 px-5 py-3 font-medium text-white hover:bg-blue-800 disabled:cursor-not-allowed disabled:opacity-70 aria-busy:cursor-wait aria-busy:opacity-70 sm:w-auto"
        >
          {pending
            ? "Opening Coinbase…"
            : signedIn
              ? "Continue to Coinbase"
              : "Sign in to continue"}
        </ScriptSubmitButton>
        {otherAccount && (
          // An alert: said as it appears, and where a refused Continue moves the focus.
          <p id={whyOff} role="alert" tabIndex={-1} className="text-sm text-red-700">
            Another account is signed in now: reload the page to go on as that account.
          </p>
        )}
        {side === "buy" && !otherAccount && (
          <GuestCheckoutEntry
            country={region.country}
            asset={values.asset}
            network={values.network}
            address={values.address}
            amount={
              values.amountIn === "fiat" && values.fiatCurrency === "USD" ? typedAmount(values) : ""
            }
          />
        )}
      </div>
    </>
  );
}
