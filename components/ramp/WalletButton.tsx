"use client";

import { useState } from "react";
import { findNetwork } from "@/lib/ramp/catalog";

/**
 * "Use my wallet": asks a wallet in this browser for its address. The wallet code (EIP-6963
 * discovery, the Wallet Standard) loads only when pressed, not with the page.
 */
export function WalletButton({
  network,
  onAddress,
}: {
  network: string;
  onAddress: (address: string) => void;
}) {
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const found = findNetwork(network);
  const family = found?.family;
  if (family !== "evm" && family !== "solana") return null; // no browser wallets to ask

  async function use() {
    setPending(true);
    setMessage(null);
    const answer =
      family === "evm"
        ? await (await import("./wallet/evm-wallet")).evmAddress(network, found?.name ?? network)
        : await (await import("./wallet/solana-wallet")).solanaAddress();
    setPending(false);
    if (!answer.ok) return setMessage(answer.reason);
    onAddress(answer.address);
    setMessage(answer.note ?? `Filled from ${answer.wallet}.`);
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        type="button"
        onClick={use}
        disabled={pending}
        className="rounded-full border border-slate-400 px-3 py-1 text-sm font-medium hover:bg-slate-100 disabled:opacity-70"
      >
        {pending ? "Asking your wallet…" : "Use my wallet"}
      </button>
      <p role="status" className="text-sm text-slate-700" data-testid="wallet-status">
        {message}
      </p>
    </div>
  );
}
