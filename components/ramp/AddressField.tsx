"use client";

import { Field } from "@/components/shared/fields";
import { networkName } from "@/lib/ramp/catalog";
import type { Side } from "./form-state";
import { WalletButton } from "./WalletButton";

/** The wallet address, typed or taken from the browser's wallet, for the chosen network. */
export function AddressField({
  side,
  network,
  value,
  error,
  onChange,
  onBlur,
}: {
  side: Side;
  network: string;
  value: string;
  error?: string;
  onChange: (address: string) => void;
  onBlur?: () => void;
}) {
  return (
    <div className="space-y-2">
      <Field
        label={side === "buy" ? "Wallet address to receive" : "Wallet address you sell from"}
        value={value}
        onChange={onChange}
        onBlur={onBlur}
        error={error}
        mono
        autoComplete="off"
        hint={`Your address on ${networkName(network)}`}
      />
      <WalletButton network={network} onAddress={onChange} />
    </div>
  );
}
