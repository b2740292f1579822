import {
  CASHOUT_METHODS,
  PAYMENT_METHODS,
  PRESET_FIAT_CURRENCIES,
  networkName,
} from "@/lib/ramp/catalog";
import type { Region } from "@/lib/ramp/countries";
import { isPlainDecimal, typedDecimal } from "@/lib/ramp/typed-decimal";
import { typedMoney } from "@/lib/ramp/typed-money";
import type { RampOptions, Side } from "@/lib/ramp/options";
import type { QuoteRequest } from "@/lib/ramp/quote-schema";

/**
 * The notes for an amount the form emptied: one in an asset that changed (10 SOL is not
 * 10 ETH), or one with nothing on screen to convert it into `unit` by.
 */
export const amountClearedFor = (asset: string) => `Amount cleared: enter how much ${asset}.`;
export const amountClearedIn = (unit: string) => `Amount cleared: enter it in ${unit}.`;

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

const METHOD_NAMES = new Map<string, string>(
  [...PAYMENT_METHODS, ...CASHOUT_METHODS].map((m) => [m.id, m.name]),
);
export const methodName = (id: string) => METHOD_NAMES.get(id) ?? id;

/** Coinbase presets a fiat amount only in a few currencies; elsewhere the amount is in crypto. */
export function canPresetFiat(currency: string): boolean {
  return (PRESET_FIAT_CURRENCIES as readonly string[]).includes(currency);
}

/** First values that the region's options allow. */
export function initialValues(side: Side, options: RampOptions): RampFormValues {
  const asset = options.assets[0];
  const fiatCurrency = options.fiatCurrencies[0]?.code ?? "USD";
  // Coinbase quotes buys from fiat and sells from crypto: start where a quote is possible.
  const fiat = side === "buy" && canPresetFiat(fiatCurrency);
  return conform(
    {
      asset: asset?.symbol ?? "",
      network: asset?.networks[0] ?? "",
      address: "",
      amountIn: fiat ? "fiat" : "crypto",
      amount: fiat ? "50" : "",
      fiatCurrency,
      method: options.methods[0] ?? "",
    },
    options,
  ).values;
}

/** The values the options allow, and what had to change, in words, for the user to read. */
export interface Conformed {
  values: RampFormValues;
  changes: string[];
}

/**
 * Keeps the values inside what the options offer, changing as little as possible, and
 * says what changed and why (a new region can drop the chosen asset or currency).
 * `amountTypedHere`: the amount was typed for these options (after the region was picked,
 * while they loaded), so it is in their currency, whichever the form showed meanwhile.
 */
export function conform(
  values: RampFormValues,
  options: RampOptions,
  place = "here",
  { amountTypedHere = false } = {},
): Conformed {
  const changes: string[] = [];
  const asset = options.assets.find((a) => a.symbol === values.asset) ?? options.assets[0];
  if (asset && values.asset && asset.symbol !== values.asset)
    changes.push(`${values.asset} is not offered in ${place}: switched to ${asset.symbol}.`);
  const networks = asset?.networks ?? [];
  const network = networks.includes(values.network)
    ? values.network
    : (networks[0] ?? values.network);
  if (values.network && network !== values.network && asset?.symbol === values.asset)
    changes.push(
      `${asset.symbol} is not offered on ${networkName(values.network)} in ${place}: switched to ${networkName(network)}.`,
    );
  const currencies = options.fiatCurrencies.map((c) => c.code);
  const fiatCurrency = currencies.includes(values.fiatCurrency)
    ? values.fiatCurrency
    : (currencies[0] ?? values.fiatCurrency);
  let { amountIn, amount } = values;
  if (fiatCurrency !== values.fiatCurrency) {
    changes.push(
      `${values.fiatCurrency} is not offered in ${place}: prices are in ${fiatCurrency}.`,
    );
    // A number typed in one currency means nothing in another.
    if (amountIn === "fiat" && amount && !amountTypedHere) amount = "";
  }
  if (amountIn === "fiat" && !canPresetFiat(fiatCurrency)) {
    changes.push(
      `Coinbase takes ${fiatCurrency} amounts on its own page: enter how much ${asset?.symbol ?? "crypto"} instead.`,
    );
    amountIn = "crypto";
    amount = "";
  }
  // A number of one asset means nothing in another either (10 SOL is not 10 ETH), and what
  // the asset swapped out was worth is not known here (one the user picks keeps its worth).
  if (asset && asset.symbol !== values.asset && amountIn === "crypto" && amount) {
    changes.push(amountClearedFor(asset.symbol));
    amount = "";
  }
  const method = options.methods.includes(values.method)
    ? values.method
    : (options.methods[0] ?? values.method);
  if (values.method && method !== values.method)
    changes.push(
      `${methodName(values.method)} is not offered in ${place}: switched to ${methodName(method)}.`,
    );
  return {
    values: {
      ...values,
      asset: asset?.symbol ?? values.asset,
      network,
      fiatCurrency,
      amountIn,
      amount,
      method,
    },
    changes,
  };
}

/**
 * The amount as the API takes it: money read in the form's currency ("$20", "1,000.50"), an
 * amount in the asset as a comma keypad or a locale writes it. The API stays strict: the form
 * reads what people type, once, here.
 */
export function typedAmount(values: Pick<RampFormValues, "amount" | "amountIn" | "fiatCurrency">) {
  return values.amountIn === "fiat"
    ? typedMoney(values.amount, values.fiatCurrency)
    : typedDecimal(values.amount);
}

/** A request body without its quote (null stays null): for a URL made to be opened later. */
export function withoutQuote<B extends Record<string, unknown>>(body: B | null) {
  if (body === null) return null;
  const rest: Record<string, unknown> = { ...body };
  delete rest.quoteId;
  return rest;
}

/** The API body for these values: empty fields are left out rather than sent blank. */
export function toRequestBody(
  side: Side,
  values: RampFormValues,
  region: Region,
  quoteId?: string,
) {
  const amount = typedAmount(values);
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
  const amount = typedAmount(values);
  const quotable = side === "buy" ? values.amountIn === "fiat" : values.amountIn === "crypto";
  if (!amount || !quotable || !isPlainDecimal(amount) || Number(amount) <= 0) return null;
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
