import { createStore, type EIP6963ProviderDetail } from "mipd";

/**
 * An address from an EVM wallet in this browser, found by EIP-6963 (each installed wallet
 * announces itself; no wallet kit). Loaded only when the user presses "Use my wallet".
 */

/** The chain ids of the EVM networks the form offers (EIP-155). */
const CHAIN_IDS: Record<string, number> = {
  ethereum: 1,
  base: 8453,
  optimism: 10,
  arbitrum: 42161,
  polygon: 137,
  avacchain: 43114,
};

export type WalletAnswer =
  { ok: true; address: string; wallet: string; note?: string } | { ok: false; reason: string };

export type EvmWallet = EIP6963ProviderDetail;

/** Wallets answer the discovery request at once; this waits a moment for slower ones. */
const DISCOVERY_MS = 300;

/** The wallets installed in this browser, as they announced themselves. */
export async function discoverEvmWallets(): Promise<readonly EvmWallet[]> {
  const store = createStore();
  if (store.getProviders().length === 0) await new Promise((r) => setTimeout(r, DISCOVERY_MS));
  const wallets = store.getProviders();
  store.destroy();
  return wallets;
}

/** Asks one wallet for its account, and checks it is on the form's network. */
export async function evmAddress(
  wallet: EvmWallet,
  network: string,
  networkName: string,
): Promise<WalletAnswer> {
  const { provider, info } = wallet;
  try {
    const accounts = (await provider.request({ method: "eth_requestAccounts" })) as string[];
    const address = accounts[0];
    if (!address) return { ok: false, reason: `${info.name} shared no account.` };
    const chainId = Number(await provider.request({ method: "eth_chainId" }));
    // The same address holds funds on every EVM network; the wallet only needs to look there.
    const note =
      CHAIN_IDS[network] !== undefined && chainId !== CHAIN_IDS[network]
        ? `${info.name} is on another network: switch it to ${networkName} to see the crypto there.`
        : undefined;
    return { ok: true, address, wallet: info.name, note };
  } catch {
    return { ok: false, reason: `${info.name} did not share an account: paste your address.` };
  }
}
