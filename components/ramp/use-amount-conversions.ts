"use client";

import { useRef, useState, type Dispatch, type SetStateAction } from "react";
import type { RampOptions } from "@/lib/ramp/options";
import type { Quote } from "@/lib/ramp/quote-schema";
import type { Errors } from "./form-errors";
import {
  type AmountIn,
  type RampFormValues,
  type Side,
  amountClearedIn,
  conform,
} from "./form-state";
import { amountForAsset, switchedAmount, switchedBack, type UnitSwitch } from "./unit-switch";

/** What the screen says the amount comes to in the other unit: its quote, or the estimate. */
export interface ShownPrice {
  quote: Quote | null;
  estimate: number | null;
}

/**
 * The buy/sell form's values as the region's options allow them, and what becomes of the
 * amount as the user changes the form: converted when its unit or asset changes, kept or
 * emptied when the region does, and what that did said in `notices`.
 */
export function useAmountConversions(
  side: Side,
  form: {
    /** The values as the user left them, before the options conform them. */
    rawValues: RampFormValues;
    setValues: Dispatch<SetStateAction<RampFormValues>>;
    options: RampOptions;
    /** The region's name, for what its options change. */
    place: string;
    /** True while the options are the old region's, the new one's on their way. */
    loading: boolean;
    /** Errors the user's change answers: they go (and a failed connection's with them). */
    clearErrors: (fields: (keyof Errors)[]) => void;
  },
) {
  const { rawValues, setValues, options, place, loading } = form;
  // An amount typed after a change of region, before its options came, is that region's
  // amount: it stays, in the currency they bring (one typed before the change is cleared).
  const [amountTypedHere, setAmountTypedHere] = useState(false);
  // An amount a switch of unit or asset put in money while they loaded is in the money on
  // screen then, the old region's: where theirs differs, it goes, and that is said.
  const [convertedWhileLoading, setConvertedWhileLoading] = useState(false);
  const conformed = conform(rawValues, options, place, { amountTypedHere });
  const values = conformed.values;
  // What a change of region or amount unit did to the form, in words (while the new
  // region's options load, the old ones would report changes that are not real).
  const [note, setNote] = useState<string | null>(null);
  const notices = [...(loading ? [] : conformed.changes), ...(note ? [note] : [])];
  if (!loading && convertedWhileLoading) {
    // Set while rendering (React's way to follow a change): the options just came.
    setConvertedWhileLoading(false);
    if (rawValues.amount && !values.amount) {
      const unit = values.amountIn === "fiat" ? values.fiatCurrency : values.asset;
      setNote(amountClearedIn(unit));
    }
  }
  // The last switch of unit: switching straight back restores the amount as it was typed.
  const lastSwitch = useRef<UnitSwitch | null>(null);

  function update(patch: Partial<RampFormValues>, clear: (keyof Errors)[] = []) {
    // The user's own choice (an asset, say) may move what depends on it (the network):
    // conformed again after the patch, so that is not reported as something the region did.
    setValues((v) => {
      const shown = conform(v, options, place, { amountTypedHere }).values;
      return conform({ ...shown, ...patch }, options).values;
    });
    setNote(null);
    form.clearErrors(clear);
  }

  function typeAmount(amount: string) {
    update({ amount }, ["amount"]);
    if (!loading) return;
    setAmountTypedHere(true);
    setConvertedWhileLoading(false);
  }

  /**
   * An amount a switch put in money while a region's options load is in the old region's
   * money, not typed for the new one; one switched straight back is as it was typed.
   */
  function convertedInMoney(kind: AmountIn, restored: boolean) {
    if (!loading || kind !== "fiat") return;
    if (!restored) setAmountTypedHere(false);
    setConvertedWhileLoading(true);
  }

  /**
   * Fiat ↔ crypto: the number is converted with the quote or estimate on screen when there is
   * one; otherwise it is cleared, and the user is told, rather than 0.01 ETH silently
   * becoming 0.01 USD.
   */
  function switchAmountIn(kind: AmountIn, price: ShownPrice) {
    const { unit, before, converted, restored } = convertedTo(kind, price);
    lastSwitch.current = converted ? { from: before, to: { unit, amount: converted } } : null;
    update({ amountIn: kind, amount: converted }, ["amount"]);
    if (converted) convertedInMoney(kind, restored);
    if (values.amount)
      setNote(
        converted ? `Converted at the quoted rate: ${converted} ${unit}.` : amountClearedIn(unit),
      );
  }

  /** The amount in `kind`'s unit, as the quote or estimate on screen says, or "" when none can. */
  function convertedTo(kind: AmountIn, price: ShownPrice) {
    const unit = kind === "fiat" ? values.fiatCurrency : values.asset;
    const before = {
      unit: values.amountIn === "fiat" ? values.fiatCurrency : values.asset,
      amount: values.amount,
    };
    const back = switchedBack(lastSwitch.current, before, unit);
    const converted = back ?? switchedAmount(side, kind, unit, price.quote, price.estimate);
    return { unit, before, converted, restored: back !== null };
  }

  /**
   * Another asset: an amount typed in the old one keeps its worth, in money, rather than its
   * number (0.5 ETH must not become 0.5 BTC, twenty times the money), or is emptied. The
   * change to make, and what to say once it is made.
   */
  function forNewAsset(asset: string, price: ShownPrice) {
    const worth = convertedTo("fiat", price);
    const change = amountForAsset(values, asset, worth.converted);
    // The amount is in another unit now: switching back converts it afresh.
    if (change.note) lastSwitch.current = null;
    if (change.patch.amount) convertedInMoney("fiat", worth.restored);
    return change;
  }

  /**
   * Before another region is picked. The next region starts from the user's own values, not
   * from what this region swapped them to: SOL, shown as ETH here, comes back where it is
   * offered (what the user changed here was conformed as they changed it, so stays as shown).
   * An amount typed while these options loaded is in this region's currency now: kept as
   * shown. Picked again before the options came, the form is as it was typed.
   */
  function leaveRegion() {
    if (loading) return;
    if (amountTypedHere) {
      const { amount, amountIn, fiatCurrency } = values;
      setValues({ ...rawValues, amount, amountIn, fiatCurrency });
    }
    setAmountTypedHere(false);
    // A conversion said here is not the next region's.
    setNote(null);
  }

  return {
    values,
    notices,
    say: setNote,
    update,
    typeAmount,
    switchAmountIn,
    forNewAsset,
    leaveRegion,
  };
}
