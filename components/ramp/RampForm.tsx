"use client";

import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { postJson } from "@/components/shared/post-json";
import { expectedUserHeaders } from "@/lib/auth/expected-user";
import { regionLabel, type Region } from "@/lib/ramp/countries";
import type { RampOptions } from "@/lib/ramp/options";
import { SelectField } from "@/components/shared/fields";
import { LOAD_FAILED } from "@/components/shared/load-once";
import { useWindowEvent } from "@/components/shared/use-window-event";
import { useFocusFirstError } from "@/components/shared/use-focus-first-error";
import { AddressField } from "./AddressField";
import { AmountFields } from "./AmountFields";
import { AssetPickers } from "./AssetPickers";
import { amountWorth } from "./crypto-estimate";
import {
  type Errors,
  amountLimitProblem,
  fieldErrors,
  localErrors,
  recheckedErrors,
  withoutConnectionError,
  withoutErrors,
} from "./form-errors";
import { FormNotices } from "./FormNotices";
import {
  type RampFormValues,
  type Side,
  initialValues,
  methodName,
  sameQuoteRequest,
  toRequestBody,
  withoutQuote,
} from "./form-state";
import { saveDraft, signInAndReturn } from "./draft";
import { HandoffPanel } from "./HandoffPanel";
import { notEndedMessage, revokeLink } from "./phone-link";
import { useValidation } from "./load-validation";
import { PrimaryAction } from "./PrimaryAction";
import { QuotePanel } from "./QuotePanel";
import { quoteHint } from "./quote-hint";
import { RegionLine } from "./RegionLine";
import { UrlPreview } from "./UrlPreview";
import { useAddressChecks } from "./use-address-checks";
import { useAmountConversions } from "./use-amount-conversions";
import { useFormQuote } from "./use-form-quote";
import { useRampOptions } from "./use-ramp-options";
import { useReturnToForm } from "./use-return-to-form";
import { FormAlert } from "@/components/shared/FormAlert";

interface Props {
  side: Side;
  payBaseUrl: string;
  redirectUrl: string;
  /** The signed-in user's id, which is their `partnerUserRef`; null when signed out. */
  partnerUserRef: string | null;
  initialRegion: Region;
  initialOptions: RampOptions;
}

/** The buy or sell form: checks as the user types, quotes, mints on submit, then leaves for Coinbase. */
export function RampForm({
  side,
  payBaseUrl,
  redirectUrl,
  partnerUserRef,
  initialRegion,
  initialOptions,
}: Props) {
  const [region, setRegion] = useState<Region>(initialRegion);
  const { options, loading } = useRampOptions(side, region, {
    region: initialRegion,
    options: initialOptions,
  });
  const [initial] = useState(() => initialValues(side, initialOptions));
  const [rawValues, setValues] = useState<RampFormValues>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const amounts = useAmountConversions(side, {
    rawValues,
    setValues,
    options,
    place: regionLabel(region),
    loading,
    clearErrors: (fields) => setErrors((e) => withoutErrors(e, fields)),
  });
  const { values, update, say } = amounts;
  const [pending, setPending] = useState(false);
  // Set at once on submit, where `pending` waits for a render: a second click while the
  // checks are still loading must not mint a second session.
  const submitting = useRef(false);
  // The phone link on screen, made for the form's very values (HandoffPanel): null without one.
  const phoneLink = useRef<string | null>(null);
  // A phone link being made: Continue waits for it (the link would go on working unseen, and
  // the phone buy again what this page is about to buy), as the panel waits for Continue.
  const [linkBusy, setLinkBusy] = useState(false);
  // Another account signed in from another tab, as the phone panel's check or a refused
  // Continue found: the page still shows the last one's, so it goes on no further until
  // reloaded (PrimaryAction.tsx). Every request names the page's user, so that the server
  // refuses it even when nothing found out first (lib/auth/expected-user.ts).
  const [otherAccount, setOtherAccount] = useState(false);
  // The user went elsewhere in the app (a header link, guest checkout) while Continue was
  // under way: its answer must not take them to Coinbase from there.
  const left = useRef(false);
  useEffect(() => {
    left.current = false;
    return () => {
      left.current = true;
    };
  }, []);
  const { validation, ensure } = useValidation();
  const { onAddressChange, onAddressBlur, onNetworkChange } = useAddressChecks({
    values,
    options,
    update,
    shownProblem: errors.address,
    setErrors,
    validation,
    ensure,
  });
  const { quote, quoteRequest, current, estimating, estimate, referenceRefused } = useFormQuote(
    side,
    values,
    region,
    options,
  );
  // Outside the method's limits: said the same way whether the form or Coinbase finds it.
  const overLimit = amountLimitProblem(side, values, options, amountWorth(side, values, current));
  // Coinbase refusing this amount: said at the amount field, not again in the quote panel.
  const quoteRefusal =
    !estimating &&
    quote.state.status === "error" &&
    quote.state.refused &&
    quote.state.field === "amount" &&
    sameQuoteRequest(quote.forRequest, quoteRequest)
      ? quote.state.message
      : undefined;
  // Told once typing pauses (the quote's own pause), not at each keystroke on the way to
  // an amount that fits ("1" on the way to "125").
  const amountError =
    errors.amount ?? (quote.state.status === "loading" ? undefined : (overLimit ?? quoteRefusal));
  // Only a quote for exactly these values may make the URL one-click.
  const quoteId = current && !estimating ? current.quoteId : undefined;
  // What a switch of unit or asset converts the amount with.
  const price = {
    quote: quoteId && quote.state.status === "ready" ? quote.state.value : null,
    estimate,
  };
  const body = toRequestBody(side, values, region, quoteId);
  const unavailable = options.source === "unavailable";
  const signedIn = partnerUserRef !== null;

  useReturnToForm(side, {
    values: rawValues,
    initial,
    region,
    setRegion,
    setValues,
    setPending,
    say,
    submitting,
  });

  // (The fields are disabled while Continue is under way: focused once freed.)
  const shownErrors = useMemo(() => ({ errors, pending }), [errors, pending]);
  const { formRef, focusNextErrors } = useFocusFirstError(shownErrors);
  // "Could not reach the server" was about the last press: the next one may well go through.
  useWindowEvent("online", () => setErrors(withoutConnectionError));

  // A region the user picked: once its options are in (and the values conformed to them),
  // the errors shown are checked again, rather than one about the old region staying.
  const regionPicked = useRef(false);
  function pickRegion(next: Region) {
    regionPicked.current = true;
    amounts.leaveRegion();
    setErrors(withoutConnectionError);
    setRegion(next);
  }
  async function recheckErrors() {
    // Not loaded (the connection dropped): the submit checks it, and says so.
    const checks = validation ?? (await ensure().catch(() => null));
    if (!checks) return;
    const found = localErrors(checks, { side, body, values });
    setErrors((shown) => recheckedErrors(shown, found, values.address !== ""));
  }
  useEffect(() => {
    if (loading || !regionPicked.current) return;
    regionPicked.current = false;
    void recheckErrors();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loading, region]);

  function goSignIn() {
    signInAndReturn(side, { values, region });
  }

  /** Another asset: the amount keeps its worth or goes, said; the address is checked again. */
  function pickAsset(asset: string) {
    const { patch, note } = amounts.forNewAsset(asset, price);
    void onNetworkChange({ asset, ...patch }, ["amount"]);
    if (note) say(note);
  }

  /** Checks everything locally; returns the body to send, or null and shows why not. */
  async function validate(): Promise<Record<string, unknown> | null> {
    // An amount in the asset is measured by a quote: a submit made before that quote came
    // (typed, then Continue at once) waits for it rather than minting an amount unchecked.
    const answer =
      values.amountIn === "crypto"
        ? await quote.settled()
        : { state: quote.state, forRequest: quote.forRequest };
    const forThese = sameQuoteRequest(answer.forRequest, quoteRequest);
    // The user changed the amount meanwhile: that submit was for values no longer there.
    if (answer.forRequest !== null && !forThese && values.amountIn === "crypto") return null;
    const { state } = answer;
    const quoted = forThese && state.status === "ready" ? state.value : null;
    // Coinbase already said no to this amount (its limits, in its words); not to a reference.
    const refusal =
      forThese && !estimating && state.status === "error" && state.refused
        ? state.message
        : undefined;
    const local = localErrors(validation ?? (await ensure()), {
      side,
      body,
      values,
      overLimit: amountLimitProblem(side, values, options, amountWorth(side, values, quoted)),
      refusal,
    });
    const ok = Object.keys(local).length === 0;
    focusNextErrors(!ok);
    setErrors(local);
    return ok ? body : null;
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (submitting.current || unavailable || otherAccount || linkBusy) return;
    submitting.current = true;
    const leaving = await submit().catch(() => {
      // The form's checks could not be fetched (the connection dropped): nothing was sent.
      focusNextErrors();
      setErrors({ form: LOAD_FAILED });
      return false;
    });
    if (leaving) return;
    submitting.current = false;
    setPending(false);
  }

  /** Checks, mints and leaves for Coinbase; false when the user stays on the form. */
  async function submit(): Promise<boolean> {
    // Signed out, the user signs in first, whatever the form still lacks (say, the address
    // they may not have at hand): the draft brings them back to it, checked then.
    if (!signedIn) {
      goSignIn();
      return true;
    }
    // What may take a while before the checks is shown as pending: an amount in the asset
    // waits for its quote, and the checks themselves may still be loading (a slow connection).
    if (values.amountIn === "crypto" || !validation) setPending(true);
    const request = await validate();
    if (!request) return false;
    setPending(true);
    // Going on here ends the phone link for these values first: the phone may have opened it
    // already, and then the purchase is under way there, not to be made a second time here.
    const linkEnded = phoneLink.current && (await revokeLink(phoneLink.current, "continued"));
    if (linkEnded === "opened") {
      focusNextErrors();
      setErrors({
        form: `You opened the phone link already: finish there, or change the order to ${side} here.`,
      });
      return false;
    }
    // Not known to be ended: the phone could still buy it beside this purchase.
    const notEnded = linkEnded ? notEndedMessage(linkEnded) : null;
    if (notEnded) {
      focusNextErrors();
      setErrors({ form: notEnded });
      return false;
    }
    // Our server mints the session token and builds the Coinbase URL.
    const path = side === "buy" ? "/api/onramp" : "/api/offramp";
    const result = await postJson<{ url: string }>(path, request, "url", {
      headers: expectedUserHeaders(partnerUserRef),
    });
    if (left.current) return true; // whatever the answer: the user is elsewhere now
    if (result.ok) {
      // Back from Coinbase without the page cache, the form comes back as it was.
      saveDraft(side, { values, region });
      window.location.assign(result.data.url);
      return true; // stay pending while the browser leaves
    }
    if (result.status === 401) {
      goSignIn(); // the session ended meanwhile
      return true;
    }
    if (result.status === 409) {
      // Another account signed in meanwhile: said beside the button, where the focus goes.
      focusNextErrors();
      setErrors({});
      setOtherAccount(true);
      return false;
    }
    focusNextErrors();
    setErrors({ ...fieldErrors(result.issues), form: result.message });
    return false;
  }

  return (
    // The checks load when the user first reaches into the form, not with the page.
    <form
      ref={formRef}
      onSubmit={onSubmit}
      // Only a warm-up: a load that fails here is tried again, and said, on submit.
      onFocus={() => void ensure().catch(() => undefined)}
      onPointerDown={() => void ensure().catch(() => undefined)}
      noValidate
      className="space-y-5"
      aria-busy={pending || loading}
    >
      {/* While Continue is under way the values are the ones it sends: none may change
          (Coinbase would get the old address, the page show the new one). */}
      <fieldset disabled={pending} className="min-w-0 space-y-5">
        <AmountFields
          values={values}
          options={options}
          error={amountError}
          currencyError={errors.fiatCurrency}
          onAmount={amounts.typeAmount}
          onAmountIn={(kind) => amounts.switchAmountIn(kind, price)}
          onCurrency={(v) => update({ fiatCurrency: v }, ["fiatCurrency", "amount"])}
        />
        <QuotePanel
          side={side}
          // An amount refused at its field has no figures beside it, estimated or quoted.
          state={(estimating && amountError) || referenceRefused ? { status: "idle" } : quote.state}
          // The reference quote's own figures are for another amount: never shown.
          previous={estimating ? null : quote.previous}
          estimate={
            estimate !== null && current && !amountError
              ? { value: estimate, currency: current.pay.currency }
              : null
          }
          hint={
            amountError ? "Change the amount to see what you receive." : quoteHint(side, values)
          }
          refusalAtField={quoteRefusal !== undefined}
        />
        <RegionLine region={region} onChange={pickRegion} />
        <FormNotices notices={amounts.notices} options={options} />
        <AssetPickers
          options={options}
          asset={values.asset}
          network={values.network}
          networkError={errors.network}
          // An amount typed in the asset is another amount now: what a submit found wrong with
          // it goes (the limits, checked as the form changes, say again what still applies).
          onAsset={pickAsset}
          onNetwork={(v) => void onNetworkChange({ network: v })}
        />
        <AddressField
          side={side}
          network={values.network}
          value={values.address}
          error={errors.address}
          onChange={(address) => void onAddressChange(address)}
          onBlur={() => void onAddressBlur()}
        />
        <SelectField
          label={side === "buy" ? "Payment method" : "Cash out to"}
          value={values.method}
          error={errors.method}
          onChange={(v) => update({ method: v }, ["method", "amount"])}
          options={options.methods.map((m) => ({ value: m, label: methodName(m) }))}
        />
      </fieldset>
      <FormAlert message={errors.form} />
      <PrimaryAction
        side={side}
        values={values}
        region={region}
        signedIn={signedIn}
        pending={pending}
        disabled={unavailable || linkBusy}
        otherAccount={otherAccount}
      />
      <HandoffPanel
        side={side}
        // The phone may open the link minutes later, after a quote has run out: it carries none.
        validate={async () => withoutQuote(await validate())}
        // The values, not the quote: a quote arriving after the link is made changes nothing.
        requestKey={JSON.stringify(toRequestBody(side, values, region))}
        shownLinkRef={phoneLink}
        pageUser={partnerUserRef}
        onSignInNeeded={goSignIn}
        otherAccount={otherAccount}
        onOtherAccount={() => setOtherAccount(true)}
        formBusy={pending}
        onBusyChange={setLinkBusy}
      />
      <UrlPreview
        side={side}
        body={body}
        payBaseUrl={payBaseUrl}
        redirectUrl={redirectUrl}
        partnerUserRef={partnerUserRef}
      />
    </form>
  );
}
