"use client";

import { useEffect, useRef, type Dispatch, type SetStateAction } from "react";
import type { RampOptions } from "@/lib/ramp/options";
import { typedAddress } from "@/lib/ramp/typed-address";
import type { Errors } from "./form-errors";
import { conform, type RampFormValues } from "./form-state";
import type { Validation } from "./load-validation";

interface Form {
  values: RampFormValues;
  options: RampOptions;
  update: (patch: Partial<RampFormValues>, clear?: (keyof Errors)[]) => void;
  /** The address's problem as the form shows it now. */
  shownProblem?: string;
  setErrors: Dispatch<SetStateAction<Errors>>;
  /** The validation module once loaded, and a way to load it (useValidation). */
  validation: Validation | null;
  ensure: () => Promise<Validation>;
}

/**
 * When the buy or sell form checks the wallet address: as it is pasted or typed, as the field
 * is left, and again when the asset or network it is for changes.
 */
// How long typing pauses before a problem already shown is worded for what is typed now.
const PAUSE_MS = 600;

export function useAddressChecks({
  values,
  options,
  update,
  shownProblem,
  setErrors,
  validation,
  ensure,
}: Form) {
  const reword = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(reword.current), []);

  /**
   * An address pasted or filled in is checked at once. One being typed is not wrong yet
   * ("0x52" is an address unfinished): its problem shows when the field is left. Once shown, it
   * goes as soon as the address is right, and is worded anew once typing pauses: the error line
   * is read out, and a new wording at each keystroke would be read out at each.
   */
  async function onAddressChange(typed: string) {
    const address = typedAddress(typed);
    const typing =
      address.length === values.address.length + 1 && address.startsWith(values.address);
    update({ address });
    const { checkAddress } = validation ?? (await ensure());
    const check = address === "" ? null : checkAddress(values.network, address);
    const problem = check && !check.ok ? check.reason : undefined;
    // One character typed or deleted: a keystroke, not a paste.
    const keystroke = typing || address.length === values.address.length - 1;
    clearTimeout(reword.current);
    if (typing && !shownProblem) return setErrors((e) => ({ ...e, address: undefined }));
    if (keystroke && shownProblem && problem) {
      reword.current = setTimeout(
        () => setErrors((e) => (e.address ? { ...e, address: problem } : e)),
        PAUSE_MS,
      );
      return;
    }
    setErrors((e) => ({ ...e, address: problem }));
  }

  async function onAddressBlur() {
    clearTimeout(reword.current);
    const { checkAddress } = validation ?? (await ensure());
    const check = values.address === "" ? null : checkAddress(values.network, values.address);
    if (check && !check.ok) setErrors((e) => ({ ...e, address: check.reason }));
  }

  /**
   * A change of asset or network (an asset moves its network) checks the address again, for
   * the network the form ends on: a problem said for the old one ("not one for Bitcoin")
   * must not stay beside an address that is right now, nor a wrong one go unsaid.
   */
  async function onNetworkChange(patch: Partial<RampFormValues>, clear: (keyof Errors)[] = []) {
    const { network } = conform({ ...values, ...patch }, options).values;
    update(patch, ["network", ...clear]);
    // Not loaded (the connection dropped): the submit checks it, and says so.
    const checks = values.address ? (validation ?? (await ensure().catch(() => null))) : null;
    if (!checks) return;
    const check = checks.checkAddress(network, values.address);
    setErrors((e) => ({ ...e, address: check.ok ? undefined : check.reason }));
  }

  return { onAddressChange, onAddressBlur, onNetworkChange };
}
