import "server-only";
import { LRUCache } from "lru-cache";
import { processSingleton } from "@/lib/process/singleton";
import { fetchOrder, type OnrampOrder } from "./onramp-api";

/**
 * Guest orders as Coinbase last told them, kept two seconds. Every render of an order's page
 * (and each check of the pay step) asks Coinbase for the order with the partner's key,
 * against the partner's quota, and pages are not rate limited as the API is: a reload loop,
 * or several tabs following one order, would each cost a signed call. Within two seconds they
 * share one answer (the pages poll every two), and calls made at once share one request. A
 * failed call is not kept: the next one asks again. Per instance. `clock` is for tests.
 */
export const ORDER_FRESH_MS = 2_000;

export function createRecentOrders(
  load: (orderId: string) => Promise<OnrampOrder>,
  clock?: { now: () => number },
) {
  return new LRUCache<string, OnrampOrder>({
    max: 10_000,
    ttl: ORDER_FRESH_MS,
    fetchMethod: (orderId) => load(orderId),
    // lru-cache reuses a clock reading for a millisecond; a test's clock must be read each time.
    ...(clock && { perf: clock, ttlResolution: 0 }),
  });
}

const recent = processSingleton("guest-recent-orders", () => createRecentOrders(fetchOrder));

/** The order as Coinbase has it, at most two seconds old. */
export async function recentOrder(orderId: string): Promise<OnrampOrder> {
  return (await recent.fetch(orderId)) ?? fetchOrder(orderId);
}
