import { ASSET_SYMBOLS, findAsset, type AssetSymbol, type NetworkId } from "@/lib/ramp/catalog";
import type { OnrampOrder } from "./onramp-api";

/**
 * The purchase as a link hands it over in the query (asset, network, amount): anything
 * unknown falls back to USDC on Base, so a bad link still opens a usable form. Never the
 * wallet address: anyone can write a link, and one naming their own wallet would have the
 * user pay into it. The address comes from this tab (/buy's hand-over, guest-draft.ts) or
 * from the user's own order being bought again (`replaces`), never from the query.
 */
export interface Prefill {
  asset: AssetSymbol;
  network: NetworkId;
  address: string;
  amount: string;
}

type Query = Record<string, string | string[] | undefined>;

export function readPrefill(query: Query): Prefill {
  const one = (name: string) => {
    const value = query[name];
    return typeof value === "string" ? value.slice(0, 128) : "";
  };
  // Matched whatever its case: Coinbase names cbBTC so, and an order's own may come otherwise.
  const symbol = one("asset").toLowerCase();
  const asset = ASSET_SYMBOLS.find((s) => s.toLowerCase() === symbol) ?? "USDC";
  const networks = findAsset(asset)?.networks ?? [];
  const network = (networks as readonly string[]).includes(one("network"))
    ? (one("network") as NetworkId)
    : (networks[0] ?? "base");
  return {
    asset,
    network,
    address: "",
    amount: /^\d{1,7}(\.\d{1,2})?$/.test(one("amount")) ? one("amount") : "",
  };
}

/** The purchase an order made, as the form's values: to change that order from where it stands. */
export function prefillOfOrder(order: OnrampOrder): Prefill {
  return {
    ...readPrefill({
      asset: order.purchaseCurrency,
      network: order.destinationNetwork.toLowerCase(),
      amount: order.paymentTotal,
    }),
    address: order.destinationAddress,
  };
}
