/**
 * What the app offers: networks, assets (and which asset is on which network), fiat
 * currencies and methods. It drives the pickers, the schemas and the sandbox. Safe for
 * the browser: no secrets, no server imports.
 */

/** How an address on a network is written; decides which address check applies. */
export type AddressFamily = "evm" | "bitcoin" | "litecoin" | "solana";

// Ids are Coinbase's network names, as its Options API and pay URLs use them: Avalanche's
// C-Chain is `avacchain` there.
export const NETWORKS = [
  { id: "ethereum", name: "Ethereum", family: "evm" },
  { id: "base", name: "Base", family: "evm" },
  { id: "optimism", name: "Optimism", family: "evm" },
  { id: "arbitrum", name: "Arbitrum", family: "evm" },
  { id: "polygon", name: "Polygon", family: "evm" },
  { id: "avacchain", name: "Avalanche C-Chain", family: "evm" },
  { id: "bitcoin", name: "Bitcoin", family: "bitcoin" },
  { id: "solana", name: "Solana", family: "solana" },
  { id: "litecoin", name: "Litecoin", family: "litecoin" },
] as const satisfies readonly { id: string; name: string; family: AddressFamily }[];

export type NetworkId = (typeof NETWORKS)[number]["id"];
export type Network = (typeof NETWORKS)[number];
export const NETWORK_IDS = NETWORKS.map((n) => n.id) as [NetworkId, ...NetworkId[]];

export interface Asset {
  symbol: string;
  name: string;
  networks: readonly NetworkId[];
}

export const ASSETS = [
  { symbol: "ETH", name: "Ethereum", networks: ["ethereum", "base", "optimism", "arbitrum"] },
  {
    symbol: "USDC",
    name: "USD Coin",
    networks: ["ethereum", "base", "optimism", "arbitrum", "polygon", "avacchain", "solana"],
  },
  { symbol: "BTC", name: "Bitcoin", networks: ["bitcoin"] },
  { symbol: "cbBTC", name: "Coinbase Wrapped BTC", networks: ["ethereum", "base"] },
  { symbol: "SOL", name: "Solana", networks: ["solana"] },
  { symbol: "POL", name: "Polygon", networks: ["polygon"] },
  { symbol: "AVAX", name: "Avalanche", networks: ["avacchain"] },
  { symbol: "LTC", name: "Litecoin", networks: ["litecoin"] },
  { symbol: "DAI", name: "Dai", networks: ["ethereum", "base", "optimism", "arbitrum"] },
] as const satisfies readonly Asset[];

export type AssetSymbol = (typeof ASSETS)[number]["symbol"];
export const ASSET_SYMBOLS = ASSETS.map((a) => a.symbol) as [AssetSymbol, ...AssetSymbol[]];

/** ISO 4217 codes Coinbase lists for its ramps. */
export const FIAT_CURRENCIES = [
  { code: "USD", name: "US dollar" },
  { code: "EUR", name: "Euro" },
  { code: "GBP", name: "British pound" },
  { code: "CAD", name: "Canadian dollar" },
  { code: "AUD", name: "Australian dollar" },
  { code: "CHF", name: "Swiss franc" },
  { code: "SGD", name: "Singapore dollar" },
  { code: "JPY", name: "Japanese yen" },
  { code: "BRL", name: "Brazilian real" },
  { code: "MXN", name: "Mexican peso" },
] as const;

export type FiatCurrency = (typeof FIAT_CURRENCIES)[number]["code"];
export const FIAT_CURRENCY_CODES = FIAT_CURRENCIES.map((c) => c.code) as [
  FiatCurrency,
  ...FiatCurrency[],
];

/** Coinbase presets a fiat amount only in these currencies (Onramp docs). */
export const PRESET_FIAT_CURRENCIES = [
  "USD",
  "CAD",
  "GBP",
  "EUR",
] as const satisfies readonly FiatCurrency[];

export const PAYMENT_METHODS = [
  { id: "CARD", name: "Debit card" },
  { id: "ACH_BANK_ACCOUNT", name: "Bank account (ACH)" },
  { id: "APPLE_PAY", name: "Apple Pay" },
  { id: "PAYPAL", name: "PayPal" },
  { id: "FIAT_WALLET", name: "Coinbase cash balance" },
  { id: "CRYPTO_ACCOUNT", name: "Coinbase crypto balance" },
] as const;

export const CASHOUT_METHODS = [
  { id: "FIAT_WALLET", name: "Coinbase cash balance" },
  { id: "CRYPTO_ACCOUNT", name: "Coinbase crypto balance" },
  { id: "ACH_BANK_ACCOUNT", name: "Bank account (ACH)" },
  { id: "PAYPAL", name: "PayPal" },
] as const;

export const EXPERIENCES = ["buy", "send"] as const;
export type Experience = (typeof EXPERIENCES)[number];

export function findNetwork(id: string): Network | undefined {
  return NETWORKS.find((n) => n.id === id);
}

/** A network's name for people ("Base"), or its id when the catalog does not know it. */
export function networkName(id: string): string {
  return findNetwork(id)?.name ?? id;
}

export function findAsset(symbol: string): Asset | undefined {
  return ASSETS.find((a) => a.symbol === symbol);
}

export function isOfferedOn(symbol: string, network: string): boolean {
  return findAsset(symbol)?.networks.some((n) => n === network) ?? false;
}
