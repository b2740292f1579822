/** Where a transaction hash can be looked up, per network. Browser-safe. */
const EXPLORERS: Record<string, string> = {
  ethereum: "https://etherscan.io/tx/",
  base: "https://basescan.org/tx/",
  optimism: "https://optimistic.etherscan.io/tx/",
  arbitrum: "https://arbiscan.io/tx/",
  polygon: "https://polygonscan.com/tx/",
  avalanche: "https://snowtrace.io/tx/",
  bitcoin: "https://mempool.space/tx/",
  solana: "https://solscan.io/tx/",
  litecoin: "https://blockchair.com/litecoin/transaction/",
};

export function explorerTxUrl(network: string, txHash: string): string | undefined {
  const base = EXPLORERS[network];
  return base ? `${base}${encodeURIComponent(txHash)}` : undefined;
}
