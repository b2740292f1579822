import "server-only";
import { fixed, format, type Fixed } from "../cdp/decimal";
import { ordersOfPhone } from "./guest-orders";
import { limitUpgrade, UPGRADED_PURCHASES, UPGRADED_WEEKLY_USD } from "./limit-upgrades";
import { notUsNumber } from "@/lib/guest/us-numbers";

/**
 * Coinbase's default guest limits, per user (phone number): 500 USD of purchases in the
 * last 7 days and 15 purchases in a lifetime. Coinbase counts completed purchases; one paid
 * and still processing counts too (its money is spent). Orders never paid, and declined
 * ones, do not. Guest checkout is US only (+1 numbers). An `active` limit upgrade raises them
 * to 2500 USD and 2147483647 purchases (limit-upgrades.ts).
 */
export const WEEKLY_LIMIT_USD = "500";
export const LIFETIME_PURCHASES = 15;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
const PAID = ["ONRAMP_ORDER_STATUS_PROCESSING", "ONRAMP_ORDER_STATUS_COMPLETED"];

export interface LimitsLeft {
  weekly: Fixed;
  purchases: number;
  weeklyLimit: string;
  purchaseLimit: number;
}

export function limitsLeft(phoneNumber: string, now = Date.now()): LimitsLeft {
  const upgraded = limitUpgrade(phoneNumber, now).status === "active";
  const weeklyLimit = upgraded ? UPGRADED_WEEKLY_USD : WEEKLY_LIMIT_USD;
  const purchaseLimit = upgraded ? UPGRADED_PURCHASES : LIFETIME_PURCHASES;
  const counted = ordersOfPhone(phoneNumber).filter((o) => PAID.includes(o.status));
  const spent = counted
    .filter((o) => now - o.createdAt < WEEK_MS)
    .reduce((sum, o) => sum + fixed(o.figures.payment_total.value), 0n);
  const weekly = fixed(weeklyLimit) - spent;
  return {
    weekly: weekly > 0n ? weekly : 0n,
    purchases: Math.max(0, purchaseLimit - counted.length),
    weeklyLimit,
    purchaseLimit,
  };
}

/**
 * Whether paying this order now would go over the user's limits: each order is placed within
 * them, but several left unpaid could be paid one after the other. Coinbase holds the limits
 * at payment too, so the pay page declines such an order (nothing charged).
 */
export function paymentOverLimits(
  order: { phoneNumber: string; figures: { payment_total: { value: string } } },
  now = Date.now(),
): boolean {
  const left = limitsLeft(order.phoneNumber, now);
  return left.purchases <= 0 || fixed(order.figures.payment_total.value) > left.weekly;
}

export function limitsView(left: LimitsLeft) {
  return {
    limits: [
      {
        limitType: "weekly_spending",
        currency: "USD",
        limit: left.weeklyLimit,
        remaining: format(left.weekly, 2).replace(/\.00$/, ""),
      },
      {
        limitType: "lifetime_transactions",
        limit: String(left.purchaseLimit),
        remaining: String(left.purchases),
      },
    ],
  };
}

// US users only, as Coinbase has it: +1 is Canada's and the Caribbean's too.
export const isUsNumber = (phoneNumber: string) => notUsNumber(phoneNumber) === null;
