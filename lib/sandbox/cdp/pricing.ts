import "server-only";
import type { AssetSymbol, FiatCurrency, NetworkId } from "@/lib/ramp/catalog";
import { div, format, mul, ONE, round, type Fixed } from "./decimal";
import { assetPrice, coinbaseFee, feeRate, networkFee } from "./market";

/** An amount as Coinbase's APIs write it. */
export interface Money {
  value: string;
  currency: string;
}

const FIAT_DECIMALS = 2;
const CRYPTO_DECIMALS = 8;

export const fiat = (value: Fixed, currency: string): Money => ({
  value: format(value, FIAT_DECIMALS),
  currency,
});
export const crypto = (value: Fixed, currency: string): Money => ({
  value: format(value, CRYPTO_DECIMALS),
  currency,
});

export interface BuyTerms {
  asset: AssetSymbol;
  network: NetworkId;
  currency: FiatCurrency;
  method: string;
}

export interface BuyFigures {
  payment_total: Money;
  payment_subtotal: Money;
  purchase_amount: Money;
  coinbase_fee: Money;
  network_fee: Money;
}

/** A buy where the user states what they pay in total: fees come out of it, the rest buys crypto. */
export function priceBuyByTotal(terms: BuyTerms, total: Fixed): BuyFigures & { subtotal: Fixed } {
  const paid = round(total, FIAT_DECIMALS);
  const fee = coinbaseFee(paid, terms.method);
  const network = networkFee(terms.network, terms.currency);
  const subtotal = paid - fee - network;
  const purchase =
    subtotal > 0n
      ? round(div(subtotal, assetPrice(terms.asset, terms.currency)), CRYPTO_DECIMALS)
      : 0n;
  return {
    subtotal,
    payment_total: fiat(paid, terms.currency),
    payment_subtotal: fiat(subtotal, terms.currency),
    purchase_amount: crypto(purchase, terms.asset),
    coinbase_fee: fiat(fee, terms.currency),
    network_fee: fiat(network, terms.currency),
  };
}

/** A buy where the user states how much crypto they want: the total is grossed up to cover the fees. */
export function priceBuyByCrypto(terms: BuyTerms, amount: Fixed): BuyFigures {
  const purchase = round(amount, CRYPTO_DECIMALS);
  const subtotal = round(
    mul(purchase, assetPrice(terms.asset, terms.currency)),
    FIAT_DECIMALS,
    "up",
  );
  const network = networkFee(terms.network, terms.currency);
  const total = round(div(subtotal + network, ONE - feeRate(terms.method)), FIAT_DECIMALS, "up");
  return {
    payment_total: fiat(total, terms.currency),
    payment_subtotal: fiat(subtotal, terms.currency),
    purchase_amount: crypto(purchase, terms.asset),
    coinbase_fee: fiat(total - subtotal - network, terms.currency),
    network_fee: fiat(network, terms.currency),
  };
}

export interface SellTerms {
  asset: AssetSymbol;
  currency: FiatCurrency;
  method: string;
}

export interface SellFigures {
  sell_amount: Money;
  cashout_total: Money;
  cashout_subtotal: Money;
  coinbase_fee: Money;
}

/**
 * A sell of `amount` crypto: its value at the demo price, minus Coinbase's fee. Finer than 8
 * places, it is rounded down: a sale never asks for more than the user typed (their whole
 * balance, often), which the deposit step would then tell them to send.
 */
export function priceSell(terms: SellTerms, amount: Fixed): SellFigures & { subtotal: Fixed } {
  const sold = round(amount, CRYPTO_DECIMALS, "down");
  const subtotal = round(mul(sold, assetPrice(terms.asset, terms.currency)), FIAT_DECIMALS);
  const fee = coinbaseFee(subtotal, terms.method);
  return {
    subtotal,
    sell_amount: crypto(sold, terms.asset),
    cashout_total: fiat(subtotal - fee, terms.currency),
    cashout_subtotal: fiat(subtotal, terms.currency),
    coinbase_fee: fiat(fee, terms.currency),
  };
}

/** How much crypto a fiat value buys at the demo price (no fees), rounded to 8 places. */
export function cryptoWorth(asset: AssetSymbol, currency: FiatCurrency, value: Fixed): Fixed {
  return round(div(value, assetPrice(asset, currency)), CRYPTO_DECIMALS);
}
