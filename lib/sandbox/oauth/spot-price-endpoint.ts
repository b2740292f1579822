import "server-only";
import { ASSETS, FIAT_CURRENCIES, type AssetSymbol, type FiatCurrency } from "@/lib/ramp/catalog";
import { format } from "@/lib/sandbox/cdp/decimal";
import { assetPrice } from "@/lib/sandbox/cdp/market";
import { apiError, apiJson } from "./api-response";

/** `GET /v2/prices/{BASE}-{FIAT}/spot`: public, as on Coinbase; the sandbox's fixed prices. */
export function handleSpotPrice(request: Request, pair: string): Response {
  const [base, currency] = pair.split("-");
  const asset = ASSETS.find((a) => a.symbol === base);
  const fiat = FIAT_CURRENCIES.find((f) => f.code === currency);
  if (!asset || !fiat) return apiError(request, 400, "invalid_request", "Invalid currency pair");
  const price = assetPrice(asset.symbol as AssetSymbol, fiat.code as FiatCurrency);
  return apiJson(request, {
    data: { amount: format(price, 2), base: asset.symbol, currency: fiat.code },
  });
}
