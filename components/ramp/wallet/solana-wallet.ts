import { getWallets } from "@wallet-standard/app";
import type { WalletAnswer } from "./evm-wallet";

/**
 * An address from a Solana wallet in this browser, through the Wallet Standard (wallets
 * register themselves; the app asks the one that connects to Solana mainnet).
 */
interface ConnectFeature {
  connect: () => Promise<{
    accounts: readonly { address: string; chains: readonly string[] }[];
  }>;
}

export async function solanaAddress(): Promise<WalletAnswer> {
  const wallet = getWallets()
    .get()
    .find((w) => w.chains.includes("solana:mainnet") && "standard:connect" in w.features);
  if (!wallet)
    return { ok: false, reason: "No Solana wallet found in this browser: paste your address." };
  try {
    const feature = wallet.features["standard:connect"] as ConnectFeature;
    const { accounts } = await feature.connect();
    const account = accounts.find((a) => a.chains.includes("solana:mainnet")) ?? accounts[0];
    return account
      ? { ok: true, address: account.address, wallet: wallet.name }
      : { ok: false, reason: `${wallet.name} shared no account.` };
  } catch {
    return { ok: false, reason: `${wallet.name} did not share an account: paste your address.` };
  }
}
