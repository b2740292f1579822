import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { getConfig } from "../../lib/config/env";
import { dropProcessSingleton } from "../../lib/process/singleton";
import { expireSell, recordBuy, simulateDeposit } from "../../lib/sandbox/cdp/transactions";
import { deliveriesOf } from "../../lib/sandbox/webhooks/deliveries";
import { publishEvent } from "../../lib/sandbox/webhooks/sender";
import {
  createSubscription,
  deleteSubscription,
  listSubscriptions,
} from "../../lib/sandbox/webhooks/subscriptions";
import { RAMP_EVENT_TYPES } from "../../lib/webhooks/event-schemas";
import { recordUsdcSale } from "../support/sandbox-sales";
import { startReceiver } from "../support/webhook-receiver";

// The OpenAPI excerpt's OnrampTransactionPayload and OfframpTransactionPayload properties.
const ONRAMP_FIELDS = new Set(
  "eventType transactionId status purchaseCurrency purchaseNetwork purchaseAmount paymentTotal paymentTotalUsd paymentSubtotal coinbaseFee networkFee exchangeRate txHash createdAt completedAt country userId paymentMethod walletAddress type userType partnerUserRef contractAddress failureReason endPartnerName errorCode".split(
    " ",
  ),
);
const OFFRAMP_FIELDS = new Set(
  "eventType transactionId status asset network sellAmount total minimumTotal subtotal coinbaseFee exchangeRate unitPrice fromAddress toAddress createdAt updatedAt txHash redirectUrl paymentMethod partnerUserRef".split(
    " ",
  ),
);
const MONEY = new Set([
  "purchaseAmount",
  "paymentTotal",
  "paymentSubtotal",
  "coinbaseFee",
  "networkFee",
  "sellAmount",
  "total",
]);

function assertShape(payload: Record<string, unknown>, fields: Set<string>) {
  for (const [key, value] of Object.entries(payload)) {
    assert.ok(fields.has(key), `${key} is not in the schema`);
    if (MONEY.has(key)) {
      assert.deepEqual(Object.keys(value as object).sort(), ["currency", "value"], key);
      assert.match((value as { value: string }).value, /^\d+(\.\d+)?$/, key);
    }
  }
  for (const required of ["eventType", "transactionId", "status"]) assert.ok(required in payload);
}

const SECRET = "receiver-test-secret";
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let answer = (_n: number) => 200;
const shares = getConfig().ramp.sandboxWebhooks;

before(async () => {
  receiver = await startReceiver(SECRET, (n) => answer(n));
  // Only this test's receiver: the app's own subscription has no app behind it here.
  for (const { subscriptionId } of listSubscriptions()) deleteSubscription(subscriptionId);
  const sub = createSubscription({
    eventTypes: [...RAMP_EVENT_TYPES],
    isEnabled: true,
    target: { url: receiver.url },
  });
  assert.ok(sub);
  // The sender signs with the subscription's secret: make it the receiver's.
  sub.secret = SECRET;
});
after(() => receiver.close());
beforeEach(() => {
  receiver.deliveries.length = 0;
  answer = () => 200;
  shares.duplicateShare = 0;
  shares.reorderShare = 0;
  shares.lossShare = 0;
});

const money = (value: string, currency: string) => ({ value, currency });

/** A 100 USD purchase of ETH on Base for `partnerUserRef`, failed for `failureReason` if given. */
function recordEthBuy(partnerUserRef: string, failureReason?: string) {
  return recordBuy({
    partnerUserRef,
    asset: "ETH",
    network: "base",
    purchaseAmount: money("0.03000000", "ETH"),
    paymentTotal: money("100.00", "USD"),
    coinbaseFee: money("1.49", "USD"),
    networkFee: money("0.01", "USD"),
    paymentMethod: "CARD",
    walletAddress: "0x52908400098527886e0f7030069857d2e4169ee7",
    ...(failureReason ? { failureReason } : {}),
  });
}

describe("sandbox webhook sender", () => {
  test("the sandbox app's own subscription: the app's receiver, the eight ramp events", async () => {
    const saved = listSubscriptions();
    dropProcessSingleton("sandbox.webhook-subscriptions");
    const [own] = listSubscriptions();
    assert.equal(own?.target.url, `${getConfig().appUrl}/api/webhooks/coinbase`);
    assert.equal(own?.secret, getConfig().webhooks.secrets[0]);
    assert.deepEqual(own?.eventTypes, [...RAMP_EVENT_TYPES]);
    // Back to this file's receiver alone.
    deleteSubscription(own!.subscriptionId);
    for (const s of saved) Object.assign(createSubscription(s)!, { secret: s.secret });
  });

  test("a subscription that keeps failing holds up its own deliveries only, not another's", async () => {
    const broken = await startReceiver(SECRET, () => 500);
    const other = createSubscription({
      eventTypes: [...RAMP_EVENT_TYPES],
      isEnabled: true,
      target: { url: broken.url },
    })!;
    try {
      recordEthBuy("user-hooks-line");
      const [, success] = await receiver.received(2);
      assert.equal(success!.json.eventType, "onramp.transaction.success");
      // Its first event still being retried (six tries, about 6 s) when the other got both.
      const first = deliveriesOf(other.subscriptionId).at(-1); // the list is newest first
      assert.equal(first?.eventTypeName, "onramp.transaction.created");
      assert.ok(broken.deliveries.length > 0, "the broken one was tried");
      assert.equal(first?.status, "retrying");
    } finally {
      deleteSubscription(other.subscriptionId);
      await broken.close();
    }
  });

  test("a hosted buy: created now, success when it settles, each signed, in the schema's shape", async () => {
    const id = recordEthBuy("user-hooks-1");
    const [created, success] = await receiver.received(2);
    for (const d of [created!, success!]) {
      assert.ok(d.signatureValid, "signature");
      assert.equal(d.headers["content-type"], "application/json");
      assert.match(String(d.headers["x-event-id"]), /^[0-9a-f-]{36}$/);
      assert.equal(d.headers["x-event-type"], d.json.eventType);
      assert.match(
        String(d.headers["x-hook0-signature"]),
        /^t=\d+,v0=[0-9a-f]{64},h=content-type x-event-id x-event-type,v1=[0-9a-f]{64}$/,
      );
      assertShape(d.json, ONRAMP_FIELDS);
      assert.equal(d.json.transactionId, id);
      assert.equal(d.json.partnerUserRef, "user-hooks-1");
    }
    assert.equal(created!.json.eventType, "onramp.transaction.created");
    assert.equal(created!.json.status, "ONRAMP_TRANSACTION_STATUS_IN_PROGRESS");
    // Zero values as Coinbase sends them (the OpenAPI's examples), not left out.
    assert.deepEqual(
      [created!.json.txHash, created!.json.completedAt, created!.json.failureReason],
      ["0x", "0001-01-01T00:00:00Z", "FAILURE_REASON_UNSPECIFIED"],
    );
    assert.deepEqual(
      [created!.json.errorCode, created!.json.contractAddress, created!.json.endPartnerName],
      ["ERROR_CODE_UNSPECIFIED", "", ""],
    );
    assert.deepEqual(created!.json.paymentSubtotal, money("98.50", "USD"));
    assert.equal(success!.json.eventType, "onramp.transaction.success");
    assert.equal(success!.json.status, "ONRAMP_TRANSACTION_STATUS_SUCCESS");
    assert.match(String(success!.json.txHash), /^0x[0-9a-f]{64}$/);
    assert.ok(Date.parse(String(success!.json.completedAt)) > Date.UTC(2000, 0, 1));
    assert.notEqual(created!.headers["x-event-id"], success!.headers["x-event-id"]);
  });

  test("a sell: created, started (deposit address issued), started with a tx hash at the deposit, success 2 s later", async () => {
    const id = recordUsdcSale("user-hooks-2");
    const beforeDeposit = await receiver.received(2);
    assert.equal(beforeDeposit[1]!.json.txHash, undefined, "no crypto seen yet");
    assert.deepEqual(simulateDeposit(id), { ok: true });
    const all = await receiver.received(4);
    assert.deepEqual(
      all.map((d) => [d.json.eventType, d.json.status]),
      [
        ["offramp.transaction.created", "TRANSACTION_STATUS_CREATED"],
        ["offramp.transaction.updated", "TRANSACTION_STATUS_STARTED"],
        ["offramp.transaction.updated", "TRANSACTION_STATUS_STARTED"],
        ["offramp.transaction.success", "TRANSACTION_STATUS_SUCCESS"],
      ],
    );
    for (const d of all) {
      assert.ok(d.signatureValid);
      assertShape(d.json, OFFRAMP_FIELDS);
      assert.equal(d.json.transactionId, id);
      assert.ok(d.json.toAddress && d.json.updatedAt);
    }
    assert.ok(all[2]!.json.txHash);
    assert.equal(all[2]!.json.txHash, all[3]!.json.txHash);
  });

  // The OpenAPI has no event of its own for it: offramp.transaction.failed, status EXPIRED.
  test("a sell whose crypto does not come: failed with status EXPIRED at its deadline, once", async () => {
    const saved = getConfig().ramp.sandboxSaleDeadlineSeconds;
    getConfig().ramp.sandboxSaleDeadlineSeconds = 1;
    const t0 = Date.now();
    try {
      const id = recordUsdcSale("user-hooks-expiry", t0);
      const all = await receiver.received(3);
      assert.deepEqual(
        all.map((d) => [d.json.eventType, d.json.status]),
        [
          ["offramp.transaction.created", "TRANSACTION_STATUS_CREATED"],
          ["offramp.transaction.updated", "TRANSACTION_STATUS_STARTED"],
          ["offramp.transaction.failed", "TRANSACTION_STATUS_EXPIRED"],
        ],
      );
      const expired = all[2]!;
      assert.ok(expired.signatureValid);
      assertShape(expired.json, OFFRAMP_FIELDS);
      assert.equal(expired.json.transactionId, id);
      assert.equal(expired.json.txHash, undefined, "no crypto came");
      assert.equal(expired.json.updatedAt, new Date(t0 + 1000).toISOString());
      // A deposit after it is refused, and announces nothing more.
      assert.deepEqual(simulateDeposit(id), { ok: false, reason: "expired" });
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(receiver.deliveries.length, 3);
    } finally {
      getConfig().ramp.sandboxSaleDeadlineSeconds = saved;
    }
  });

  test("a sell let expire before its deadline: failed with status EXPIRED now, not again at the deadline", async () => {
    const saved = getConfig().ramp.sandboxSaleDeadlineSeconds;
    getConfig().ramp.sandboxSaleDeadlineSeconds = 1;
    try {
      const id = recordUsdcSale("user-hooks-expire-now");
      await receiver.received(2);
      const at = Date.now();
      assert.deepEqual(expireSell(id, at), { ok: true });
      const [, , expired] = await receiver.received(3);
      assert.equal(expired!.json.eventType, "offramp.transaction.failed");
      assert.equal(expired!.json.status, "TRANSACTION_STATUS_EXPIRED");
      assert.equal(expired!.json.updatedAt, new Date(at).toISOString());
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal(receiver.deliveries.length, 3, "the deadline's timer announces nothing more");
    } finally {
      getConfig().ramp.sandboxSaleDeadlineSeconds = saved;
    }
  });

  test("a cancelled buy: created, then failed at once", async () => {
    recordEthBuy("user-hooks-3", "Cancelled by the user");
    const all = await receiver.received(2);
    assert.deepEqual(
      all.map((d) => d.json.eventType),
      ["onramp.transaction.created", "onramp.transaction.failed"],
    );
    // Within the OpenAPI's enum, which has no word for a cancellation: UNSPECIFIED. The
    // transactions API's reason then tells it from a failure.
    assert.equal(all[1]!.json.failureReason, "FAILURE_REASON_UNSPECIFIED");
  });

  test("a declined purchase is announced failed with FAILURE_REASON_BUY_FAILED", async () => {
    recordEthBuy("user-declined", "The payment was declined");
    const all = await receiver.received(2);
    assert.equal(all[1]!.json.eventType, "onramp.transaction.failed");
    assert.equal(all[1]!.json.failureReason, "FAILURE_REASON_BUY_FAILED");
  });

  test("500s are retried with the same event id, then the sending stops at the first 2xx", async () => {
    answer = (n) => (n <= 2 ? 500 : 200);
    publishEvent(
      "tx-retry",
      "onramp.transaction.updated",
      { eventType: "onramp.transaction.updated" },
      false,
    );
    const all = await receiver.received(3);
    assert.equal(new Set(all.map((d) => d.headers["x-event-id"])).size, 1);
    assert.ok(all.every((d) => d.signatureValid && d.body === all[0]!.body));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(receiver.deliveries.length, 3, "nothing after the 2xx");
  });

  test("duplicate share 1: each event arrives twice with the same x-event-id", async () => {
    shares.duplicateShare = 1;
    publishEvent(
      "tx-dup",
      "onramp.transaction.success",
      { eventType: "onramp.transaction.success" },
      true,
    );
    const [first, second] = await receiver.received(2);
    assert.equal(first!.headers["x-event-id"], second!.headers["x-event-id"]);
    assert.equal(first!.body, second!.body);
    assert.ok(first!.signatureValid && second!.signatureValid);
  });

  test("loss share 1: no event is delivered, a final one neither (a deployment without webhooks)", async () => {
    shares.lossShare = 1;
    publishEvent(
      "tx-lost",
      "onramp.transaction.created",
      { eventType: "onramp.transaction.created" },
      false,
    );
    publishEvent(
      "tx-lost",
      "onramp.transaction.success",
      { eventType: "onramp.transaction.success" },
      true,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(receiver.deliveries.length, 0);
  });

  test("reorder share 1: a held event arrives after the transaction's next one", async () => {
    shares.reorderShare = 1;
    publishEvent(
      "tx-late",
      "offramp.transaction.created",
      { eventType: "offramp.transaction.created" },
      false,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(receiver.deliveries.length, 0, "held back");
    publishEvent(
      "tx-late",
      "offramp.transaction.success",
      { eventType: "offramp.transaction.success" },
      true,
    );
    const all = await receiver.received(2);
    assert.deepEqual(
      all.map((d) => d.headers["x-event-type"]),
      ["offramp.transaction.success", "offramp.transaction.created"],
    );
  });
});
