import "server-only";

// The checks both quote APIs share, each failing with the message Coinbase-style callers see.
import {
  FIAT_CURRENCY_CODES,
  findAsset,
  findNetwork,
  isOfferedOn,
  type AssetSymbol,
  type FiatCurrency,
  type NetworkId,
} from "@/lib/ramp/catalog";
import { no, ok, type Checked } from "./checked";
import { format, parseFixed, type Fixed } from "./decimal";
import { methodLimit } from "./limits";
import {
  assetAvailable,
  describeRegion,
  parseRegion,
  paymentCurrencies,
  type Region,
} from "./regions";

/** An asset offered on a network and available in the region; `field` names the request's fields. */
export function checkAssetOnNetwork(
  fields: { asset: string; network: string },
  asset: string,
  network: string,
  region: Region,
): Checked<{ asset: AssetSymbol; network: NetworkId }> {
  const known = findAsset(asset);
  if (!known) return no(`${fields.asset} ${asset} is not supported`);
  const net = findNetwork(network);
  if (!net) return no(`${fields.network} ${network} is not supported`);
  if (!isOfferedOn(asset, network)) return no(`${asset} is not available on ${network}`);
  if (!assetAvailable(known.symbol as AssetSymbol, region))
    return no(`${asset} is not available in ${describeRegion(region)}`);
  return ok({ asset: known.symbol as AssetSymbol, network: net.id });
}

export function checkCurrency(
  field: string,
  currency: string,
  region: Region,
): Checked<FiatCurrency> {
  if (!(FIAT_CURRENCY_CODES as readonly string[]).includes(currency))
    return no(`${field} ${currency} is not supported`);
  const offered = paymentCurrencies(region);
  if (!offered.includes(currency as FiatCurrency)) {
    return no(
      `${field} ${currency} is not available in ${describeRegion(region)} (use ${offered.join(" or ")})`,
    );
  }
  return ok(currency as FiatCurrency);
}

export function checkMethod(
  field: string,
  method: string,
  offered: readonly string[],
  region: Region,
): Checked<string> {
  if (!offered.includes(method)) {
    return no(
      `${field} ${method} is not available in ${describeRegion(region)} (use one of ${offered.join(", ")})`,
    );
  }
  return ok(method);
}

/** A positive plain decimal with at most `decimals` places. */
export function checkAmount(field: string, text: string, decimals: number): Checked<Fixed> {
  const value = parseFixed(text, decimals);
  if (value === undefined || value <= 0n) {
    return no(
      `${field} must be a positive decimal with at most ${decimals} decimal places, e.g. "100.00"`,
    );
  }
  return ok(value);
}

/** The method's per-transaction limits in this currency; `subject` opens the message, e.g. "payment_amount 1.00 USD". */
export function checkLimits(
  subject: string,
  value: Fixed,
  method: string,
  currency: FiatCurrency,
): Checked<Fixed> {
  const limit = methodLimit(method, currency);
  if (!limit) return ok(value);
  const min = `${format(limit.min, 2)} ${currency}`;
  const max = `${format(limit.max, 2)} ${currency}`;
  if (value < limit.min)
    return no(`${subject} is below the ${method} minimum of ${min} (limits: ${min} to ${max})`);
  if (value > limit.max)
    return no(`${subject} is above the ${method} maximum of ${max} (limits: ${min} to ${max})`);
  return ok(value);
}

/** The request fields a quote's checks read: buy and sell name them differently. */
export interface QuoteFields {
  asset: string;
  network: string;
  currency: string;
  amount: string;
  method: string;
}

export interface QuoteBasics {
  region: Region;
  asset: AssetSymbol;
  network: NetworkId;
  currency: FiatCurrency;
  method: string;
  amount: Fixed;
}

/**
 * The checks every quote runs, in Coinbase's order: region, asset on network, currency,
 * method, amount. The first failure is the answer. `names` says which request field
 * holds each part, for reading it and for naming it in messages.
 */
export function checkQuoteBasics<K extends string>(
  names: { [part in keyof QuoteFields]: K },
  input: Record<K, string> & { country: string; subdivision?: string },
  methodsIn: (region: Region) => readonly string[],
  amountDecimals: number,
): Checked<QuoteBasics> {
  const region = parseRegion(input.country, input.subdivision);
  if (!region.ok) return region;
  const pair = checkAssetOnNetwork(names, input[names.asset], input[names.network], region.value);
  if (!pair.ok) return pair;
  const currency = checkCurrency(names.currency, input[names.currency], region.value);
  if (!currency.ok) return currency;
  const offered = methodsIn(region.value);
  const method = checkMethod(names.method, input[names.method], offered, region.value);
  if (!method.ok) return method;
  const amount = checkAmount(names.amount, input[names.amount], amountDecimals);
  if (!amount.ok) return amount;
  return ok({
    region: region.value,
    ...pair.value,
    currency: currency.value,
    method: method.value,
    amount: amount.value,
  });
}
