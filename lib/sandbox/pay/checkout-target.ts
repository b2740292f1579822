import "server-only";
import {
  ASSETS,
  findAsset,
  isOfferedOn,
  type AssetSymbol,
  type NetworkId,
} from "@/lib/ramp/catalog";
import type { Checkout } from "./checkouts";

export interface CheckoutTarget {
  asset: AssetSymbol;
  network: NetworkId;
  /** The session's address on that network: where a buy delivers, where a sell sends from. */
  address: string;
}

/**
 * What a checkout buys or sells, and with which address: the quote's asset and network
 * when there is one, else the URL's defaults where the session allows them, else the
 * session's first network and an asset on it (as Coinbase preselects one).
 */
export function checkoutTarget({ grant, presets, quote }: Checkout): CheckoutTarget {
  const entries = grant.addresses.flatMap((a) =>
    a.blockchains.map((network) => ({ network, address: a.address })),
  );
  const allowed = (symbol: string) => !grant.assets || grant.assets.includes(symbol);
  const wantedAsset = quote?.asset ?? presets.defaultAsset;
  const wantedNetwork = quote?.network ?? presets.defaultNetwork;
  const asset =
    wantedAsset && findAsset(wantedAsset) && allowed(wantedAsset) ? wantedAsset : undefined;
  const entry =
    entries.find(
      (e) =>
        (!wantedNetwork || e.network === wantedNetwork) &&
        (!asset || isOfferedOn(asset, e.network)),
    ) ??
    entries.find((e) => !asset || isOfferedOn(asset, e.network)) ??
    entries[0];
  const network = (entry?.network ?? "ethereum") as NetworkId;
  const onNetwork = ASSETS.filter((a) => isOfferedOn(a.symbol, network));
  const chosen =
    (asset && isOfferedOn(asset, network) ? asset : undefined) ??
    onNetwork.find((a) => allowed(a.symbol))?.symbol ??
    onNetwork[0]?.symbol ??
    "ETH";
  return { asset: chosen as AssetSymbol, network, address: entry?.address ?? "" };
}
