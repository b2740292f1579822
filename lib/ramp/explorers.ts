import type { NetworkId } from "./catalog";

/**
 * Where a transaction can be looked up by its hash, per network: the public block
 * explorer most wallets link to. Browser-safe.
 */
const EXPLORER_TX: Record<NetworkId, string> = {
  ethereum: "https://etherscan.io/tx/",
  base: "https://basescan.org/tx/",
  optimism: "https://optimistic.etherscan.io/tx/",
  arbitrum: "https://arbiscan.io/tx/",
  polygon: "https://polygonscan.com/tx/",
  avacchain: "https://snowtrace.io/tx/",
  bitcoin: "https://mempool.space/tx/",
  solana: "https://solscan.io/tx/",
  litecoin: "https://litecoinspace.org/tx/",
};

/** The explorer page of a transaction, or undefined for a network we do not know. */
export function explorerTxUrl(network: string, txHash: string): string | undefined {
  if (!Object.hasOwn(EXPLORER_TX, network)) return undefined;
  return `${EXPLORER_TX[network as NetworkId]}${encodeURIComponent(txHash)}`;
}
