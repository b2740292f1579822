import "server-only";
import { ASSETS, FIAT_CURRENCIES, type AssetSymbol, type FiatCurrency } from "@/lib/ramp/catalog";
import { format } from "@/lib/sandbox/cdp/decimal";
import { spotPrice } from "@/lib/sandbox/cdp/market";
import { apiError, apiJson } from "./api-response";

/** `GET /v2/prices/{BASE}-{FIAT}/spot`: public, as on Coinbase; the sandbox's fixed prices. */
export function handleSpotPrice(request: Request, pair: string): Response {
  const [base, currency] = pair.split("-");
  const asset = ASSETS.find((a) => a.symbol === base);
  const fiat = FIAT_CURRENCIES.find((f) => f.code === currency);
  if (!asset || !fiat) return apiError(request, 400, "invalid_request", "Invalid currency pair");
  const price = spotPrice(asset.symbol as AssetSymbol, fiat.code as FiatCurrency);
  // As Coinbase writes it: "3000.00", "0.3937" (no trailing zeros past the cents).
  const amount = format(price, 8).replace(/(\.\d\d\d*?)0+$/, "$1");
  return apiJson(request, { data: { amount, base: asset.symbol, currency: fiat.code } });
}
