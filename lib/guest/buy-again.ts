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
 * Guest checkout filled in with this purchase, for a new order in place of `orderId`. The
 * wallet address is not in the link: the page takes it from that order, the user's own.
 */
export function buyAgainHref(orderId: string, purchase: OrderPurchase): string {
  const query = new URLSearchParams({
    asset: purchase.asset,
    network: purchase.network,
    amount: trimAmount(purchase.total),
    // The order this one replaces: /buy/guest does not send the user back to it.
    replaces: orderId,
  });
  return `/buy/guest?${query}`;
}
