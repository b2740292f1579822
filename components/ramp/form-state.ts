import type { Region } from "@/lib/ramp/countries";
import type { RampOptions, Side } from "@/lib/ramp/options";
import type { QuoteRequest } from "@/lib/ramp/quote-schema";

export type { Side };
export type AmountIn = "fiat" | "crypto";

/** Everything the buy/sell form holds, as the user typed it. */
export interface RampFormValues {
  asset: string;
  network: string;
  address: string;
  amountIn: AmountIn;
  amount: string;
  fiatCurrency: string;
  method: string;
}

/** First values that the region's options allow. */
export function initialValues(side: Side, options: RampOptions): RampFormValues {
  const asset = options.assets[0];
  return conform(
    {
      asset: asset?.symbol ?? "",
      network: asset?.networks[0] ?? "",
      address: "",
      // Coinbase quotes buys from fiat and sells from crypto: start where a quote is possible.
      amountIn: side === "buy" ? "fiat" : "crypto",
      amount: side === "buy" ? "50" : "",
      fiatCurrency: options.fiatCurrencies[0]?.code ?? "USD",
      method: options.methods[0] ?? "",
    },
    options,
  );
}

/** Keeps the values inside what the options offer, changing as little as possible. */
export function conform(values: RampFormValues, options: RampOptions): RampFormValues {
  const asset = options.assets.find((a) => a.symbol === values.asset) ?? options.assets[0];
  const networks = asset?.networks ?? [];
  const currencies = options.fiatCurrencies.map((c) => c.code);
  return {
    ...values,
    asset: asset?.symbol ?? values.asset,
    network: networks.includes(values.network) ? values.network : (networks[0] ?? values.network),
    fiatCurrency: currencies.includes(values.fiatCurrency)
      ? values.fiatCurrency
      : (currencies[0] ?? values.fiatCurrency),
    method: options.methods.includes(values.method)
      ? values.method
      : (options.methods[0] ?? values.method),
  };
}

/** The API body for these values: empty fields are left out rather than sent blank. */
export function toRequestBody(
  side: Side,
  values: RampFormValues,
  region: Region,
  quoteId?: string,
) {
  const amount = values.amount.trim();
  return {
    address: values.address,
    network: values.network,
    asset: values.asset,
    ...(amount && values.amountIn === "fiat" ? { fiatAmount: amount } : {}),
    ...(amount && values.amountIn === "crypto" ? { cryptoAmount: amount } : {}),
    fiatCurrency: values.fiatCurrency,
    ...(side === "buy" ? { paymentMethod: values.method } : { cashoutMethod: values.method }),
    country: region.country,
    ...(region.subdivision ? { subdivision: region.subdivision } : {}),
    ...(quoteId ? { quoteId } : {}),
  };
}

/** What to ask a quote for, or null when these values cannot be quoted yet. */
export function toQuoteRequest(
  side: Side,
  values: RampFormValues,
  region: Region,
): QuoteRequest | null {
  const amount = values.amount.trim();
  const quotable = side === "buy" ? values.amountIn === "fiat" : values.amountIn === "crypto";
  if (!amount || !quotable || !/^\d+(\.\d+)?$/.test(amount) || Number(amount) <= 0) return null;
  return {
    side,
    asset: values.asset as QuoteRequest["asset"],
    network: values.network as QuoteRequest["network"],
    amount,
    amountIn: values.amountIn,
    fiatCurrency: values.fiatCurrency as QuoteRequest["fiatCurrency"],
    method: values.method,
    country: region.country,
    subdivision: region.subdivision as QuoteRequest["subdivision"],
  };
}

/** Two quote requests price the same thing (so a quote for one is valid for the other). */
export function sameQuoteRequest(a: QuoteRequest | null, b: QuoteRequest | null): boolean {
  return a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b);
}
