import { trimAmount } from "@/lib/ramp/money-text";

/** What a guest order buys, as the ledger or Coinbase has it: enough to name it and buy it again. */
export interface OrderPurchase {
  /** The total, fees included, in `currency`. */
  total: string;
  currency: string;
  asset: string;
  network: string;
}

/**
 * Guest checkout filled in with this purchase, for a new order in place of `orderId` (one not
 * paid, or failed). The wallet address is not in the link: the page takes it from that order,
 * the user's own.
 */
export function buyAgainHref(orderId: string, purchase: OrderPurchase): string {
  // The order this one replaces: /buy/guest does not send the user back to it.
  return guestCheckoutHref(purchase, { replaces: orderId });
}

/**
 * Guest checkout filled in with the purchase of the order `orderId` ("Buy more" on its page):
 * another order beside it, never in its place, since that one may be paid. Its wallet comes
 * as for buying again, from that order (`from`); its total when known.
 */
export function buyMoreHref(
  orderId: string,
  purchase: Pick<OrderPurchase, "asset" | "network"> & { total?: string },
): string {
  return guestCheckoutHref(purchase, { from: orderId });
}

function guestCheckoutHref(
  purchase: { asset: string; network: string; total?: string },
  order: { replaces: string } | { from: string },
): string {
  const query = new URLSearchParams({
    // Guest orders are US only: the page must not guess another country from the browser's
    // language (a US user whose browser says en-GB chose the US on /buy).
    country: "US",
    asset: purchase.asset,
    network: purchase.network,
    ...(purchase.total ? { amount: trimAmount(purchase.total) } : {}),
    ...order,
  });
  return `/buy/guest?${query}`;
}
