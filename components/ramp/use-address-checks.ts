"use client";

import type { Dispatch, SetStateAction } from "react";
import type { RampOptions } from "@/lib/ramp/options";
import { typedAddress } from "@/lib/ramp/typed-address";
import type { Errors } from "./form-errors";
import { conform, type RampFormValues } from "./form-state";
import type { Validation } from "./load-validation";

interface Form {
  values: RampFormValues;
  options: RampOptions;
  update: (patch: Partial<RampFormValues>, clear?: (keyof Errors)[]) => void;
  setErrors: Dispatch<SetStateAction<Errors>>;
  /** The validation module once loaded, and a way to load it (useValidation). */
  validation: Validation | null;
  ensure: () => Promise<Validation>;
}

/**
 * When the buy or sell form checks the wallet address: as it is pasted or typed, as the field
 * is left, and again when the asset or network it is for changes.
 */
export function useAddressChecks({ values, options, update, setErrors, validation, ensure }: Form) {
  /**
   * An address pasted or filled in is checked at once. One being typed is not wrong yet
   * ("0x52" is an address unfinished): its problem shows when the field is left, or, once
   * shown, follows each keystroke until it is fixed.
   */
  async function onAddressChange(typed: string) {
    const address = typedAddress(typed);
    const typing =
      address.length === values.address.length + 1 && address.startsWith(values.address);
    update({ address });
    const { checkAddress } = validation ?? (await ensure());
    const check = address === "" ? null : checkAddress(values.network, address);
    const problem = check && !check.ok ? check.reason : undefined;
    setErrors((e) => ({ ...e, address: typing && !e.address ? undefined : problem }));
  }

  async function onAddressBlur() {
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
