import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { AppError } from "../../lib/http/app-error";
import { catchUpWithCoinbase, unsettledOf } from "../../lib/ledger/catch-up";
import type { RampTransaction, TransactionStatus } from "../../lib/ramp/transactions";

const user = { id: "user-1", email: "u@example.com" };
const DAY_AGO = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();

function row(status: TransactionStatus, overrides: Partial<RampTransaction> = {}): RampTransaction {
  return {
    id: `${status}-${Math.random()}`,
    side: "buy",
    status,
    asset: "USDC",
    network: "base",
    createdAt: DAY_AGO,
    ...overrides,
  };
}

/** Fakes of Coinbase's two ways in, recording what they were asked. */
function coinbase(answer: () => Promise<unknown> = async () => "synced") {
  const asked: string[] = [];
  return {
    asked,
    sync: (side: string, ref: string) => (asked.push(`sync ${side} ${ref}`), answer()),
    refreshOrder: (u: { id: string }, orderId: string) => (
      asked.push(`order ${orderId} ${u.id}`),
      answer()
    ),
  };
}

describe("what the account page asks Coinbase about", () => {
  test("the sides of rows Coinbase may still move; a start a day old too (a user who paid and left)", () => {
    const rows = [
      row("success"),
      row("started"),
      row("failed", { side: "sell" }),
      row("awaiting_deposit", { side: "sell" }),
    ];
    assert.deepEqual(unsettledOf(rows), { sides: ["buy", "sell"], guestOrders: [] });
    assert.deepEqual(unsettledOf([row("success"), row("failed", { side: "sell" })]), {
      sides: [],
      guestOrders: [],
    });
  });

  test("a guest order is asked about by its order id, not by a sync of its side; a replaced one not at all", () => {
    const rows = [
      row("awaiting_payment", { guestOrderId: "o-1" }),
      row("in_progress", { guestOrderId: "o-2" }),
      row("awaiting_payment", { guestOrderId: "o-3", replacedBy: "o-2" }),
      row("success", { guestOrderId: "o-4" }),
    ];
    // (The paid one first: see below.)
    assert.deepEqual(unsettledOf(rows), { sides: [], guestOrders: ["o-2", "o-1"] });
  });

  test("the newest three open guest orders, no more: each is a call", () => {
    const rows = ["a", "b", "c", "d", "e"].map((id) =>
      row("awaiting_payment", { guestOrderId: id }),
    );
    assert.deepEqual(unsettledOf(rows).guestOrders, ["a", "b", "c"]);
  });

  test("a paid order behind three newer unpaid ones is still asked about: paid ones come first", () => {
    const rows = [
      ...["a", "b", "c"].map((id) => row("awaiting_payment", { guestOrderId: id })),
      row("in_progress", { guestOrderId: "paid" }),
    ];
    assert.deepEqual(unsettledOf(rows).guestOrders, ["paid", "a", "b"]);
  });
});

describe("catching up", () => {
  test("nothing open: Coinbase is not asked, and the ledger need not be read again", async () => {
    const fake = coinbase();
    assert.equal(await catchUpWithCoinbase(user, [row("success")], fake), false);
    assert.deepEqual(fake.asked, []);
  });

  test("open rows: each side and guest order asked, for this user; true once answered", async () => {
    const fake = coinbase();
    const rows = [row("started", { side: "sell" }), row("in_progress", { guestOrderId: "o-9" })];
    assert.equal(await catchUpWithCoinbase(user, rows, fake), true);
    assert.deepEqual(fake.asked, ["sync sell user-1", "order o-9 user-1"]);
  });

  test("Coinbase slow: the page waits no longer than its bound", async () => {
    const fake = coinbase(() => new Promise(() => {}));
    const began = Date.now();
    assert.equal(await catchUpWithCoinbase(user, [row("started")], { ...fake, waitMs: 50 }), true);
    assert.ok(Date.now() - began < 1_000);
  });

  test("Coinbase refusing, or a fault of ours: never thrown at the page", async () => {
    for (const error of [new AppError("upstream_error", "500"), new Error("a bug")]) {
      const fake = coinbase(async () => {
        throw error;
      });
      const rows = [row("started"), row("awaiting_payment", { guestOrderId: "o-1" })];
      assert.equal(await catchUpWithCoinbase(user, rows, fake), true);
    }
  });
});
