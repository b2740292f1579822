import { aboutCrypto, moneyAmount, trimAmount } from "@/lib/ramp/money-text";
import type { Quote } from "@/lib/ramp/quote-schema";
import {
  type AmountIn,
  type RampFormValues,
  type Side,
  amountClearedFor,
  canPresetFiat,
} from "./form-state";

/**
 * The amount in the other unit when the user switches between money and the asset, or "" when
 * nothing on screen can say (the form then clears it and says so). One meaning each way, so
 * that switching back gives about the amount typed (exactly: see `switchedBack`):
 * - a purchase in money is what the user pays, fees included: from the quote, the crypto it
 *   buys; back, what that crypto costs (`estimate`, from the same rate);
 * - a sale in money is what the crypto is worth before Coinbase's fee (its subtotal, what the
 *   method's limits are about), not the cash left after it: from the quote, the subtotal;
 *   back, the crypto worth that much (`estimate`).
 */
export function switchedAmount(
  side: Side,
  to: AmountIn,
  unit: string,
  quote: Quote | null,
  estimate: number | null,
): string {
  if (quote) {
    if (side === "sell" && to === "fiat" && quote.subtotal.currency === unit)
      return trimAmount(quote.subtotal.value);
    if (side === "buy" && to === "crypto" && quote.receive.currency === unit)
      return trimAmount(quote.receive.value);
  }
  if (estimate === null) return "";
  // The crypto as the quote panel shows it: the figure the user read is the one they get.
  return side === "buy" ? estimate.toFixed(2) : aboutCrypto(estimate);
}

/** A switch of unit as the form made it: the amount before, and what it became. */
export interface UnitSwitch {
  from: { unit: string; amount: string };
  to: { unit: string; amount: string };
}

/**
 * The amount typed before `last`, when the user switches straight back to its unit and the
 * field still holds what that switch put there. Each conversion rounds (50 USD buys 0.0155 ETH,
 * which costs $49.99), so converting back would change the user's number for nothing.
 */
export function switchedBack(
  last: UnitSwitch | null,
  shown: { unit: string; amount: string },
  unit: string,
): string | null {
  if (!last || last.from.unit !== unit) return null;
  return last.to.unit === shown.unit && last.to.amount === shown.amount ? last.from.amount : null;
}

/**
 * The amount when the user picks another asset, and what to tell them. A number of the old
 * asset is another sum of money in the new one (0.5 ETH is about 1,500 USD, 0.5 BTC 30,000):
 * an amount typed in the asset keeps its worth instead, as money (`worth`: what the screen
 * said it came to, as `switchedAmount` reads it), or is emptied when nothing said it yet or
 * Coinbase takes no amount in this currency. An amount in money, or none, stays as it is.
 */
export function amountForAsset(
  values: RampFormValues,
  asset: string,
  worth: string,
): { patch: Partial<RampFormValues>; note: string | null } {
  if (values.amountIn !== "crypto" || !values.amount || asset === values.asset)
    return { patch: {}, note: null };
  const currency = values.fiatCurrency;
  if (!worth || !canPresetFiat(currency))
    return { patch: { amount: "" }, note: amountClearedFor(asset) };
  return {
    patch: { amountIn: "fiat", amount: worth },
    note: `Amount now in ${currency}: ${moneyAmount(worth, currency)}, what ${values.amount} ${values.asset} came to.`,
  };
}
