"use client";

import { useEffect, useRef, useState } from "react";
import { findNetwork } from "@/lib/ramp/catalog";
import type { EvmWallet, WalletAnswer } from "./wallet/evm-wallet";
import { LOAD_FAILED } from "@/components/shared/load-once";
import { ScriptButton } from "@/components/shared/ScriptButton";
import { focusIsLost } from "@/components/shared/use-focus-back";

const NO_WALLET = "No wallet found in this browser: paste your address.";

// A wallet may never answer (its window closed without saying no, a locked wallet): past this,
// the button works again.
const WALLET_WAIT_MS = 60_000;

/** The wallet's answer, or after the wait a refusal naming it: the user pastes or asks again. */
function withinWait(answer: Promise<WalletAnswer>, wallet: string): Promise<WalletAnswer> {
  const unanswered: WalletAnswer = {
    ok: false,
    reason: `No answer from ${wallet}: paste your address, or try again.`,
  };
  return Promise.race([
    answer,
    new Promise<WalletAnswer>((resolve) => setTimeout(() => resolve(unanswered), WALLET_WAIT_MS)),
  ]);
}

/**
 * "Use my wallet": asks a wallet in this browser for its address (the user picks one when
 * several are installed). The wallet code (EIP-6963 discovery, the Wallet Standard) loads
 * only when pressed, not with the page.
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
  const [choices, setChoices] = useState<readonly EvmWallet[]>([]);
  // The wallet picked goes with its list, and with it the focus: it returns to "Use my wallet".
  const boxRef = useRef<HTMLDivElement>(null);
  const picked = useRef(false);
  // Which request an answer is for: one asked for another network than the form's now (the
  // user went on, and may have typed an address for it), or before the form went, is dropped.
  const asked = useRef(0);
  useEffect(
    () => () => {
      asked.current += 1;
      setPending(false);
      setChoices([]);
      setMessage(null); // of the network it was about ("Which wallet?", "switch it to Base")
    },
    [network],
  );
  useEffect(() => {
    if (!picked.current || choices.length > 0) return;
    picked.current = false;
    if (focusIsLost()) boxRef.current?.querySelector("button")?.focus();
  }, [choices]);
  const found = findNetwork(network);
  const family = found?.family;
  if (family !== "evm" && family !== "solana") return null; // no browser wallets to ask

  function show(answer: WalletAnswer, request: number) {
    if (request !== asked.current) return;
    setPending(false);
    setChoices([]);
    if (!answer.ok) return setMessage(answer.reason);
    onAddress(answer.address);
    setMessage(answer.note ?? `Filled from ${answer.wallet}.`);
  }

  // The wallet code loads on the first press: if it cannot (the connection dropped, a new
  // version deployed since the page loaded), that is said, and the button works again.
  const loadFailed = (request: number) => show({ ok: false, reason: LOAD_FAILED }, request);

  async function ask(wallet: EvmWallet) {
    const request = ++asked.current;
    setPending(true);
    const code = await import("./wallet/evm-wallet").catch(() => null);
    if (!code) return loadFailed(request);
    const answer = code.evmAddress(wallet, network, found?.name ?? network);
    show(await withinWait(answer, wallet.info.name), request);
  }

  async function use() {
    const request = ++asked.current;
    setPending(true);
    setMessage(null);
    if (family === "solana") {
      const code = await import("./wallet/solana-wallet").catch(() => null);
      if (!code) return loadFailed(request);
      return show(await withinWait(code.solanaAddress(), "your wallet"), request);
    }
    const code = await import("./wallet/evm-wallet").catch(() => null);
    if (!code) return loadFailed(request);
    const wallets = await code.discoverEvmWallets();
    if (request !== asked.current) return;
    if (wallets.length === 0) return show({ ok: false, reason: NO_WALLET }, request);
    if (wallets.length === 1) return ask(wallets[0]!);
    setPending(false);
    setChoices(wallets);
    setMessage("Which wallet?");
  }

  return (
    <div ref={boxRef} className="flex flex-wrap items-center gap-3">
      <ScriptButton
        onClick={use}
        disabled={pending}
        className="rounded-full border border-slate-400 px-3 py-1 text-sm font-medium hover:bg-slate-100 disabled:opacity-70"
      >
        {pending ? "Asking your wallet…" : "Use my wallet"}
      </ScriptButton>
      <p role="status" className="text-sm text-slate-700" data-testid="wallet-status">
        {message}
      </p>
      {choices.map((wallet) => (
        <button
          key={wallet.info.uuid}
          type="button"
          onClick={() => {
            picked.current = true;
            void ask(wallet);
          }}
          className="rounded-full border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100"
        >
          {wallet.info.name}
        </button>
      ))}
    </div>
  );
}
