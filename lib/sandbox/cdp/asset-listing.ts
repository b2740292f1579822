import "server-only";
import { createHash } from "node:crypto";
import { ASSETS, findNetwork, type AssetSymbol, type NetworkId } from "@/lib/ramp/catalog";
import { assetAvailable, type Region } from "./regions";

/** EVM chain ids; the other networks have none. */
const CHAIN_IDS: Partial<Record<NetworkId, string>> = {
  ethereum: "1",
  base: "8453",
  optimism: "10",
  arbitrum: "42161",
  polygon: "137",
  avacchain: "43114",
};

// Token contracts as listed by their issuers; native assets have none.
const USDC: Partial<Record<NetworkId, string>> = {
  ethereum: "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48",
  base: "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913",
  optimism: "0x0b2C639c533813f4Aa9D7837CAf62653d097Ff85",
  arbitrum: "0xaf88d065e77c8cC2239327C5EDb3A432268e5831",
  polygon: "0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359",
  avacchain: "0xB97EF9Ef8734C71904D8002F8b6Bc66Dd9c48a6E",
  solana: "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v",
};
const CONTRACTS: Partial<Record<AssetSymbol, Partial<Record<NetworkId, string>>>> = {
  USDC,
  cbBTC: {
    ethereum: "0xcbB7C0000aB88B473b1f5aFd9ef808440eed33Bf",
    base: "0xcbB7C0000aB88B473b1f5aFd9ef808440eed33Bf",
  },
  DAI: {
    ethereum: "0x6B175474E89094C44Da98b954EedeAC495271d0F",
    base: "0x50c5725949A6F0c72E6C4a641F24049A917DB0Cb",
    optimism: "0xDA10009cBd5D07dd0CeCc66161FC93D7c9000da1",
    arbitrum: "0xDA10009cBd5D07dd0CeCc66161FC93D7c9000da1",
  },
};

/** A UUID derived from the symbol, so an asset keeps its id across restarts (as on Coinbase). */
function stableId(symbol: string): string {
  const hex = createHash("sha256").update(`sandbox-asset:${symbol}`).digest("hex");
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** `purchase_currencies` / `sell_currencies`: the catalog's assets available in the region. */
export function listedAssets(region: Region) {
  return ASSETS.filter((asset) => assetAvailable(asset.symbol, region)).map((asset) => ({
    id: stableId(asset.symbol),
    name: asset.name,
    symbol: asset.symbol,
    networks: asset.networks.map((id) => ({
      name: id,
      display_name: findNetwork(id)?.name ?? id,
      chain_id: CHAIN_IDS[id] ?? "",
      contract_address: CONTRACTS[asset.symbol]?.[id] ?? "",
    })),
  }));
}
