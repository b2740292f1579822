import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { OnrampOrder } from "../../lib/guest/onramp-api";
import { createRecentOrders, ORDER_FRESH_MS } from "../../lib/guest/recent-orders";

/**
 * A guest order's pages ask Coinbase for the order on every render (lib/guest/recent-orders.ts):
 * renders within two seconds share one signed call, so reloading cannot spend the partner's quota.
 */
function counting() {
  const calls: string[] = [];
  let fail = false;
  const load = async (orderId: string) => {
    calls.push(orderId);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (fail) throw new Error("coinbase is down");
    return { orderId, status: "ONRAMP_ORDER_STATUS_PENDING_PAYMENT" } as OnrampOrder;
  };
  return { calls, load, failNext: (on: boolean) => (fail = on) };
}

describe("guest orders read from Coinbase", () => {
  test("renders at once, and within two seconds, share one call per order; later ones ask again", async () => {
    let now = 1_000;
    const { calls, load } = counting();
    const orders = createRecentOrders(load, { now: () => now });
    const burst = await Promise.all(Array.from({ length: 20 }, () => orders.fetch("a")));
    assert.equal(burst.length, 20);
    assert.ok(burst.every((o) => o?.orderId === "a"));
    now += ORDER_FRESH_MS - 1;
    await orders.fetch("a");
    assert.deepEqual(calls, ["a"]);
    await orders.fetch("b"); // another order is its own call
    now += 2;
    await orders.fetch("a");
    assert.deepEqual(calls, ["a", "b", "a"]);
  });

  test("a failed call is not kept: the next render asks again", async () => {
    const { calls, load, failNext } = counting();
    const orders = createRecentOrders(load, { now: () => 0 });
    failNext(true);
    await assert.rejects(orders.fetch("a"), /coinbase is down/);
    failNext(false);
    assert.equal((await orders.fetch("a"))?.orderId, "a");
    assert.equal(calls.length, 2);
  });
});
