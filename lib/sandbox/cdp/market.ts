import "server-only";
import type { AssetSymbol, FiatCurrency, NetworkId } from "@/lib/ramp/catalog";
import { div, fixed, mul, round, type Fixed } from "./decimal";

/**
 * The sandbox's fixed market: demo prices, exchange rates and fees. Fixed so that a
 * quote is reproducible in tests and a person can check it with a calculator.
 */

/** USD per unit of each asset. */
const PRICES_USD: Record<AssetSymbol, string> = {
  ETH: "3000",
  BTC: "60000",
  cbBTC: "60000",
  USDC: "1",
  DAI: "1",
  SOL: "150",
  POL: "0.5",
  AVAX: "30",
  LTC: "80",
};

/** USD per unit of each fiat currency. */
const USD_PER_UNIT: Record<FiatCurrency, string> = {
  USD: "1",
  EUR: "1.08",
  GBP: "1.27",
  CAD: "0.73",
  AUD: "0.66",
  CHF: "1.12",
  SGD: "0.74",
  JPY: "0.0067",
  BRL: "0.18",
  MXN: "0.058",
};

/** What the network costs to deliver on, in USD. */
const NETWORK_FEES_USD: Record<NetworkId, string> = {
  ethereum: "1.50",
  bitcoin: "2.00",
  litecoin: "0.05",
  solana: "0.01",
  base: "0.02",
  optimism: "0.05",
  arbitrum: "0.05",
  polygon: "0.02",
  avacchain: "0.10",
};

/** Coinbase's fee, as a fraction of the fiat amount, by payment or cash-out method. */
const FEE_RATES: Record<string, string> = {
  CARD: "0.0399",
  APPLE_PAY: "0.0399",
  PAYPAL: "0.0399",
  ACH_BANK_ACCOUNT: "0.0149",
  FIAT_WALLET: "0.0099",
  CRYPTO_ACCOUNT: "0.0099",
};

/** Converts an amount in USD into `currency` (unrounded). */
export function fromUsd(usd: Fixed, currency: FiatCurrency): Fixed {
  return div(usd, fixed(USD_PER_UNIT[currency]));
}

/** Price of one unit of `asset` in `currency` (unrounded). */
export function assetPrice(asset: AssetSymbol, currency: FiatCurrency): Fixed {
  return fromUsd(fixed(PRICES_USD[asset]), currency);
}

/**
 * The price Coinbase's spot API publishes for `asset` (8 decimals): a Connect send is valued at
 * it too, so that what the app reads of it and what the sandbox holds a send to agree.
 */
export function spotPrice(asset: AssetSymbol, currency: FiatCurrency): Fixed {
  return round(assetPrice(asset, currency), 8);
}

/** The network fee in `currency`, rounded to cents as it is shown. */
export function networkFee(network: NetworkId, currency: FiatCurrency): Fixed {
  return round(fromUsd(fixed(NETWORK_FEES_USD[network]), currency), 2);
}

export function feeRate(method: string): Fixed {
  return fixed(FEE_RATES[method] ?? "0.0399");
}

/** Coinbase's fee on a fiat amount, rounded to cents. */
export function coinbaseFee(amount: Fixed, method: string): Fixed {
  return round(mul(amount, feeRate(method)), 2);
}
