"use client";

import {
  useEffect,
  useRef,
  useState,
  type Dispatch,
  type FormEvent,
  type SetStateAction,
} from "react";
import { canStillBuy, limitProblem, purchasesUsedUp } from "@/lib/guest/limits";
import { expectedUserHeaders } from "@/lib/auth/expected-user";
import { failedOrderMessage } from "@/lib/guest/order-failure-text";
import type { OvertakenOrder, PlacedOrder } from "@/lib/guest/orders";
import type { GuestOrderInput } from "@/lib/guest/schemas";
import { ASSETS, findAsset, networkName } from "@/lib/ramp/catalog";
import { typedAddress } from "@/lib/ramp/typed-address";
import { otherCurrencySign, otherCurrencyText, typedMoney } from "@/lib/ramp/typed-money";
import { Field, SelectField } from "@/components/shared/fields";
import { useFocusFirstError } from "@/components/shared/use-focus-first-error";
import { useOneAtATime } from "@/components/shared/use-one-at-a-time";
import { LOAD_FAILED } from "@/components/shared/load-once";
import { BUTTON, Notice } from "./flow-ui";
import { schemasOrNull, useGuestSchemas } from "./guest-schemas";
import { guestApi, VERIFY_AGAIN_CODES, type ApiResult } from "./guest-api";
import { BlockedNotice, LimitsPanel } from "./LimitsPanel";
import { LimitUpgrade } from "./LimitUpgrade";
import { BLOCKING_CODES, toPurchaseErrors, type PurchaseErrors } from "./purchase-errors";
import { PricePanel } from "./PricePanel";
import { useGuestLimits } from "./use-guest-limits";
import { useGuestPrice } from "./use-guest-price";
import { ScriptSubmitButton } from "@/components/shared/ScriptSubmitButton";

// What `POST /api/guest/orders` answers, as the route declares it.
export type { PlacedOrder };

export type PurchaseValues = GuestOrderInput;

interface Props {
  /** The user the page was shown for: the order is placed for them only. */
  pageUser: string;
  /** Held by the flow, so that what was typed outlives a detour to verify the phone again. */
  values: PurchaseValues;
  setValues: Dispatch<SetStateAction<PurchaseValues>>;
  onPlaced: (order: PlacedOrder) => void;
  /**
   * Nothing placed here to pay: the order it replaces had already been replaced in another tab
   * (`replacement`: `order` is the one that took its place), or paid for (`paid`: `order` is it).
   */
  onOvertaken: (order: string, how: "replacement" | "paid") => void;
  onVerifyAgain: (message: string, code: string) => void;
  /** The unpaid order this one takes the place of, if any (sent with the order). */
  replaces?: string;
  /** The user's order this purchase repeats (in its place, or beside it), left as it was. */
  earlierOrder?: string;
}

export const PAY_METHODS = [
  { id: "GUEST_CHECKOUT_APPLE_PAY", name: "Apple Pay" },
  { id: "GUEST_CHECKOUT_GOOGLE_PAY", name: "Google Pay" },
] as const;

const stopsHere = (code: string) => BLOCKING_CODES.has(code) || VERIFY_AGAIN_CODES.has(code);

/**
 * The purchase: the user's limits first, then what to buy, where, for how much (USD, fees
 * included) and with which wallet; a price as they type; the order on submit. An amount
 * over what is left is refused here, with the figure, before any order.
 */
export function PurchaseForm({
  pageUser,
  values,
  setValues,
  onPlaced,
  onOvertaken,
  onVerifyAgain,
  replaces,
  earlierOrder,
}: Props) {
  const [errors, setErrors] = useState<PurchaseErrors>({});
  const [blocked, setBlocked] = useState<string>();
  const blockedNotice = useRef<HTMLDivElement>(null);
  const focusBlocked = useRef(false);
  useEffect(() => {
    if (!blocked || !focusBlocked.current) return;
    focusBlocked.current = false;
    blockedNotice.current?.focus();
  }, [blocked]);
  // A double click places one order, not two.
  const { busy, run } = useOneAtATime();
  const { formRef, focusNextErrors } = useFocusFirstError(errors);
  const { limits, error: limitsError, reload } = useGuestLimits();
  const asset = findAsset(values.asset);
  const schemas = useGuestSchemas();
  // The amount as the API takes it, in dollars as on /buy: "$41", "1,000", "0,05" from a comma
  // keypad.
  const typed = { ...values, amount: typedMoney(values.amount, "USD") };
  // "€20": said to be another currency's, as on /buy, not "must be a plain number".
  const sign = otherCurrencySign(values.amount, "USD");
  const foreignAmount = sign ? otherCurrencyText(sign, "USD") : null;
  const priced = schemas?.GuestOrderSchema.safeParse(typed);
  const overLimit = limits && typed.amount ? limitProblem(limits, typed.amount) : null;
  // Refused for good (below), nothing is priced any more.
  const price = useGuestPrice(priced?.success && !overLimit && !blocked ? priced.data : null);
  const noneLeft = limits !== null && !canStillBuy(limits);
  // A price refused for its amount (under Coinbase's minimum): said at the amount field only.
  const amountRefused =
    price.status === "error" && price.field === "amount" ? price.message : undefined;

  /** Why no price is shown yet, when it is not simply that no amount was typed. */
  function priceHint(): string | undefined {
    if (overLimit) return "Lower the amount to within your limit to see the price.";
    if (foreignAmount) return foreignAmount;
    if (amountRefused) return "Change the amount to see the price.";
    if (!typed.amount) return undefined;
    if (!priced) return "Getting a price…"; // the checks are still loading
    if (!priced.success) {
      // An amount written otherwise ("$25", "1,000", "25.999") says so, as on /buy and /sell:
      // the rest of the form may well be complete.
      const issueAt = (field: string) => priced.error.issues.find((i) => i.path[0] === field);
      const amountIssue = issueAt("amount");
      if (amountIssue) return amountIssue.message;
      // Everything else filled in, the one field in the way is named, not "the form".
      if (issueAt("address"))
        return values.address
          ? "Check the wallet address above to see the price."
          : "Enter your wallet address above to see the price.";
      return "Complete the form above to see the price.";
    }
    // Complete, the price is asked once typing pauses: said so meanwhile, not "enter an amount".
    return "Getting a price…";
  }

  /** An address left wrong says so as its field is left (as on /buy); typing again clears it. */
  function checkAddressOnLeave() {
    const check = values.address ? schemas?.checkAddress(values.network, values.address) : null;
    if (check && !check.ok) setErrors((e) => ({ ...e, address: check.reason }));
  }

  function update(patch: Partial<PurchaseValues>) {
    setValues((v) => {
      const next = { ...v, ...patch };
      const offered = findAsset(next.asset)?.networks as readonly string[] | undefined;
      if (offered && !offered.includes(next.network))
        next.network = offered[0] as PurchaseValues["network"];
      return next;
    });
    setErrors({});
  }

  /** What is wrong, at its field (or the form's alert), which takes the focus. */
  function refuse(found: PurchaseErrors) {
    focusNextErrors();
    setErrors(found);
  }

  function showFailure(result: Extract<ApiResult<unknown>, { ok: false }>) {
    if (VERIFY_AGAIN_CODES.has(result.code)) return onVerifyAgain(result.message, result.code);
    if (result.code === "order_paid" && replaces) return onOvertaken(replaces, "paid");
    if (result.code === "guest_transaction_limit" || result.code === "guest_transaction_count")
      void reload();
    if (BLOCKING_CODES.has(result.code)) {
      // The button pressed is off for good: the focus goes to the way out, said beside it.
      focusBlocked.current = true;
      return setBlocked(result.message);
    }
    if (result.code === "network_not_tradable") return refuse({ network: result.message });
    // What was typed stays in the form (and the tab's draft), to try again as it is.
    refuse(toPurchaseErrors(result.issues, failedOrderMessage(result)));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(placeOrder);
  }

  async function placeOrder() {
    const schemas = await schemasOrNull();
    if (!schemas) return refuse({ form: LOAD_FAILED });
    if (foreignAmount) return refuse({ amount: foreignAmount });
    const parsed = schemas.GuestOrderSchema.safeParse(typed);
    if (!parsed.success)
      return refuse(
        toPurchaseErrors(
          parsed.error.issues.map((i) => ({ path: String(i.path[0] ?? ""), message: i.message })),
        ),
      );
    if (overLimit) return refuse({ amount: overLimit });
    const result = await guestApi<PlacedOrder | OvertakenOrder>(
      "/api/guest/orders",
      { ...parsed.data, replaces },
      // Another account signed in since this page loaded: refused (409), not bought for it.
      { headers: expectedUserHeaders(pageUser) },
    );
    if (!result.ok) showFailure(result);
    else if ("replacedBy" in result.data) onOvertaken(result.data.replacedBy, "replacement");
    else onPlaced(result.data);
  }

  // Coinbase saying the verification no longer holds sends the user back to it, in place.
  const verifyAgain =
    limitsError && VERIFY_AGAIN_CODES.has(limitsError.code)
      ? limitsError
      : price.status === "error" && VERIFY_AGAIN_CODES.has(price.code)
        ? price
        : null;
  useEffect(() => {
    if (verifyAgain) onVerifyAgain(verifyAgain.message, verifyAgain.code);
  }, [verifyAgain, onVerifyAgain]);
  // A price refused for who the user is (not for the amount) holds: the next amount typed would
  // only be refused the same way, and meanwhile the form would show limits it cannot use.
  const priceRefusal =
    price.status === "error" && BLOCKING_CODES.has(price.code) ? price.message : undefined;
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (priceRefusal) setBlocked(priceRefusal);
  }, [priceRefusal]);
  const usedUp = limits ? purchasesUsedUp(limits) : null;
  const stop =
    blocked ??
    usedUp ??
    (limitsError && BLOCKING_CODES.has(limitsError.code) ? limitsError.message : undefined) ??
    priceRefusal;
  // Raising the limits is offered beside what they stop, never beside another refusal.
  const limitsStop = !stop || stop === usedUp;

  return (
    <section aria-labelledby="purchase-title" className="space-y-4">
      <h2 id="purchase-title" className="text-xl font-semibold">
        Your purchase
      </h2>
      {/* Guest checkout refused: said once, below, without limits that cannot be used. */}
      {!stop && (
        <LimitsPanel
          limits={limits}
          error={limitsError}
          // A refusal that holds (blocked, or verify again) is handled below; anything else may pass.
          onRetry={limitsError && !stopsHere(limitsError.code) ? () => void reload() : undefined}
          earlierOrder={earlierOrder}
        />
      )}
      {stop && <BlockedNotice ref={blockedNotice} message={stop} purchase={values} />}
      {noneLeft && !stop && <Notice tone="error">{limits && limitProblem(limits, "0")}</Notice>}
      {limits && limitsStop && (
        <LimitUpgrade
          pageUser={pageUser}
          limits={limits}
          reload={reload}
          blocking={noneLeft || Boolean(overLimit)}
          purchase={values}
          onVerifyAgain={onVerifyAgain}
        />
      )}
      <form ref={formRef} onSubmit={submit} noValidate className="space-y-3">
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label="Asset"
            value={values.asset}
            onChange={(v) => update({ asset: v as PurchaseValues["asset"] })}
            options={ASSETS.map((a) => ({ value: a.symbol, label: `${a.name} (${a.symbol})` }))}
            error={errors.asset}
          />
          <SelectField
            label="Network"
            value={values.network}
            onChange={(v) => update({ network: v as PurchaseValues["network"] })}
            options={(asset?.networks ?? []).map((n) => ({
              value: n,
              label: networkName(n),
            }))}
            error={errors.network}
          />
        </div>
        <Field
          label="Wallet address"
          value={values.address}
          // Pasted with spaces around it, it is the address all the same (as on /buy).
          onChange={(v) => update({ address: typedAddress(v) })}
          onBlur={checkAddressOnLeave}
          error={errors.address}
          mono
        />
        <Field
          label="Amount (USD, fees included)"
          value={values.amount}
          onChange={(v) => update({ amount: v })}
          inputMode="decimal"
          // With nothing left at all, the notice above says so once, not here again.
          error={errors.amount ?? (noneLeft ? undefined : overLimit) ?? amountRefused}
        />
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">Pay with</legend>
          <div className="flex gap-4">
            {PAY_METHODS.map((m) => (
              <label key={m.id} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="paymentMethod"
                  value={m.id}
                  checked={values.paymentMethod === m.id}
                  onChange={() => update({ paymentMethod: m.id })}
                />
                {m.name}
              </label>
            ))}
          </div>
        </fieldset>
        {!noneLeft && !stop && (
          <PricePanel state={amountRefused ? { status: "idle" } : price} hint={priceHint()} />
        )}
        <Notice tone="error">{errors.form}</Notice>
        <ScriptSubmitButton
          disabled={busy || noneLeft || Boolean(stop) || limits === null}
          className={BUTTON}
        >
          {busy ? "Creating your order…" : "Continue to payment"}
        </ScriptSubmitButton>
      </form>
    </section>
  );
}
