import "server-only";
import {
  CASHOUT_METHODS,
  FIAT_CURRENCY_CODES,
  PAYMENT_METHODS,
  type FiatCurrency,
} from "@/lib/ramp/catalog";
import { fixed, parseFixed, round, type Fixed } from "../cdp/decimal";
import { fromUsd } from "../cdp/market";
import {
  cryptoWorth,
  priceBuyByCrypto,
  priceBuyByTotal,
  priceSell,
  type Money,
} from "../cdp/pricing";
import { checkLimits } from "../cdp/quote-rules";
import { recordBuy, recordSell } from "../cdp/transactions";
import { checkoutTarget, type CheckoutTarget } from "./checkout-target";
import type { Checkout } from "./checkouts";

export const CANCELLED_REASON = "Cancelled by the user";
// A purchase whose payment fails, chosen on the pay page ("Payment declined") to see a failure.
export const DECLINED_REASON = "The payment was declined";

/** How the user leaves the pay page: a purchase may also be made to fail, to try that path. */
export type CheckoutOutcome = "completed" | "cancelled" | "declined";
const FAILURE_OF: Record<CheckoutOutcome, string | undefined> = {
  completed: undefined,
  cancelled: CANCELLED_REASON,
  declined: DECLINED_REASON,
};

// What the user "enters" on the pay page when the URL preset no amount: about 100 USD.
const DEFAULT_USD_AMOUNT = fixed("100");

const oneOf = <T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined =>
  allowed.find((item) => item === value);

function positive(text: string | undefined): Fixed | undefined {
  const value = text === undefined ? undefined : parseFixed(text.trim());
  return value !== undefined && value > 0n ? value : undefined;
}

function currencyOf(checkout: Checkout): FiatCurrency {
  return oneOf(checkout.presets.fiatCurrency, FIAT_CURRENCY_CODES) ?? "USD";
}

function buyFigures(
  checkout: Checkout,
  { asset, network }: CheckoutTarget,
): { purchase: Money; total: Money; coinbaseFee: Money; networkFee: Money; method: string } {
  const { quote, presets } = checkout;
  if (quote?.kind === "buy")
    return {
      purchase: quote.purchase_amount,
      total: quote.payment_total,
      coinbaseFee: quote.coinbase_fee,
      networkFee: quote.network_fee,
      method: quote.payment_method,
    };
  const currency = currencyOf(checkout);
  const method =
    oneOf(
      presets.defaultPaymentMethod,
      PAYMENT_METHODS.map((m) => m.id),
    ) ?? "CARD";
  const terms = { asset, network, currency, method };
  const cryptoAmount = positive(presets.presetCryptoAmount);
  const figures = cryptoAmount
    ? priceBuyByCrypto(terms, cryptoAmount)
    : priceBuyByTotal(
        terms,
        positive(presets.presetFiatAmount) ?? round(fromUsd(DEFAULT_USD_AMOUNT, currency), 2),
      );
  return {
    purchase: figures.purchase_amount,
    total: figures.payment_total,
    coinbaseFee: figures.coinbase_fee,
    networkFee: figures.network_fee,
    method,
  };
}

function sellFigures(
  checkout: Checkout,
  { asset }: CheckoutTarget,
): { sold: Money; total: Money; coinbaseFee: Money; method: string; subtotal?: Fixed } {
  const { quote, presets } = checkout;
  if (quote?.kind === "sell")
    return {
      sold: quote.sell_amount,
      total: quote.cashout_total,
      coinbaseFee: quote.coinbase_fee,
      method: quote.payment_method,
    };
  const currency = currencyOf(checkout);
  const method =
    oneOf(
      presets.defaultCashoutMethod,
      CASHOUT_METHODS.map((m) => m.id),
    ) ?? "FIAT_WALLET";
  // A sell is always of a crypto amount: a fiat preset is converted at the demo price.
  const amount =
    positive(presets.presetCryptoAmount) ??
    cryptoWorth(
      asset,
      currency,
      positive(presets.presetFiatAmount) ?? fromUsd(DEFAULT_USD_AMOUNT, currency),
    );
  const figures = priceSell({ asset, currency, method }, amount);
  return {
    sold: figures.sell_amount,
    total: figures.cashout_total,
    coinbaseFee: figures.coinbase_fee,
    method,
    subtotal: figures.subtotal,
  };
}

/**
 * What an unquoted checkout comes to at today's price, as Coinbase's page shows it before the
 * user confirms: a sale's crypto and cash-out, a purchase's total and crypto, with the fee.
 * (A quoted one shows its quote.) The figures the sandbox records if the user confirms.
 */
export function checkoutFigures(checkout: Checkout): { label: string; money: Money }[] {
  const target = checkoutTarget(checkout);
  if (checkout.kind === "buy") {
    const { total, purchase, coinbaseFee, networkFee } = buyFigures(checkout, target);
    return [
      { label: "You pay", money: total },
      { label: "You receive", money: purchase },
      { label: "Coinbase fee", money: coinbaseFee },
      { label: "Network fee", money: networkFee },
    ];
  }
  const { sold, total, coinbaseFee } = sellFigures(checkout, target);
  return [
    { label: "You sell", money: sold },
    { label: "You receive", money: total },
    { label: "Coinbase fee", money: coinbaseFee },
  ];
}

/**
 * Why Coinbase's page would not let the user confirm this checkout's amount, or undefined:
 * outside the method's limits (what its quote APIs check), or nothing at all once rounded.
 * A quoted checkout was checked when quoted. Read by the pay page and by `finishCheckout`.
 */
export function checkoutAmountProblem(checkout: Checkout): string | undefined {
  if (checkout.quote) return undefined;
  const target = checkoutTarget(checkout);
  const currency = currencyOf(checkout);
  if (checkout.kind === "buy") {
    const { purchase, total, method } = buyFigures(checkout, target);
    if (!positive(purchase.value)) return "This amount buys nothing once rounded: enter more.";
    const limited = checkLimits(
      `${total.value} ${currency}`,
      parseFixed(total.value)!,
      method,
      currency,
    );
    return limited.ok ? undefined : limited.message;
  }
  const { sold, method, subtotal } = sellFigures(checkout, target);
  if (!positive(sold.value) || subtotal === undefined)
    return "This amount sells nothing once rounded: enter more.";
  const limited = checkLimits(`${sold.value} ${sold.currency}`, subtotal, method, currency);
  return limited.ok ? undefined : limited.message;
}

/**
 * The user reference, under either name Coinbase's docs give it on both sides: `partnerUserRef`
 * (the current docs, buy and sell), or `partnerUserId` (the older Onramp docs).
 */
export function checkoutPartnerRef(checkout: Checkout): string | undefined {
  const { partnerUserId, partnerUserRef } = checkout.presets;
  return partnerUserRef ?? partnerUserId;
}

/**
 * Records what finishing a checkout did, as a transaction the status APIs list under the
 * checkout's partner user reference. Without one there is nobody to list it for.
 */
export function recordCheckoutTransaction(
  checkout: Checkout,
  outcome: CheckoutOutcome,
  now = Date.now(),
): string | undefined {
  const partnerUserRef = checkoutPartnerRef(checkout);
  if (!partnerUserRef) return undefined;
  const target = checkoutTarget(checkout);
  const { asset, network, address } = target;
  const failureReason = FAILURE_OF[outcome];
  if (checkout.kind === "buy") {
    const { purchase, total, coinbaseFee, networkFee, method } = buyFigures(checkout, target);
    return recordBuy(
      {
        partnerUserRef,
        asset,
        network,
        purchaseAmount: purchase,
        paymentTotal: total,
        coinbaseFee,
        networkFee,
        paymentMethod: method,
        walletAddress: address,
        failureReason,
      },
      now,
    );
  }
  const { sold, total, coinbaseFee, method } = sellFigures(checkout, target);
  return recordSell(
    {
      partnerUserRef,
      asset,
      network,
      sellAmount: sold,
      total,
      coinbaseFee,
      cashoutMethod: method,
      fromAddress: address,
      failureReason,
    },
    now,
  );
}
