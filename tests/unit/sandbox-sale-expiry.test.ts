import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { signCdpJwt } from "../../lib/cdp/jwt";
import { getCdpSigningKey } from "../../lib/cdp/signing-key";
import { toCoinbaseTransaction } from "../../lib/cdp/transactions-api";
import { getConfig } from "../../lib/config/env";
import { EXPIRED_REASON, OUTCOME_LABELS, outcomeOf } from "../../lib/ramp/transactions";
import { handleListSellTransactions } from "../../lib/sandbox/cdp/transactions-endpoint";
import { expireSell, simulateDeposit } from "../../lib/sandbox/cdp/transactions";
import { depositPage } from "../../lib/sandbox/pay/pay-pages";
import { recordUsdcSale } from "../support/sandbox-sales";
import { deleteSubscription, listSubscriptions } from "../../lib/sandbox/webhooks/subscriptions";

// A sandbox sale whose crypto does not come expires at its deadline (SANDBOX_SALE_DEADLINE_SECONDS),
// as Coinbase closes one: the v1 transactions API says FAILED (SPEC §3 lists no EXPIRED; the
// offramp webhook's status does), and a deposit is refused.
const API = "http://localhost:3000/sandbox/cdp/onramp/v1";
const FAILED = "ONRAMP_TRANSACTION_STATUS_FAILED";
const IN_PROGRESS = "ONRAMP_TRANSACTION_STATUS_IN_PROGRESS";
const t0 = Date.parse("2030-01-01T00:00:00Z");
const DEADLINE_S = 90;
const saved = getConfig().ramp.sandboxSaleDeadlineSeconds;

// No app listens here: the sandbox's own subscription to it would only send into the void.
before(() => {
  for (const { subscriptionId } of listSubscriptions()) deleteSubscription(subscriptionId);
  getConfig().ramp.sandboxSaleDeadlineSeconds = DEADLINE_S;
});
after(() => {
  getConfig().ramp.sandboxSaleDeadlineSeconds = saved;
});

let counter = 0;
function sell(now = t0) {
  const ref = `user-expiry-${process.pid}-${++counter}`;
  const id = recordUsdcSale(ref, now);
  return { id, ref };
}

/** The sale as the v1 API lists it at `now`, signed as the app signs it. */
async function listed(ref: string, now: number) {
  const url = `${API}/sell/user/${ref}/transactions?page_size=10`;
  const jwt = await signCdpJwt(getCdpSigningKey(), "GET", url);
  const request = new Request(url, {
    headers: { host: "localhost:3000", authorization: `Bearer ${jwt}` },
  });
  const response = await handleListSellTransactions(request, ref, now);
  assert.equal(response.status, 200);
  type Listed = Parameters<typeof toCoinbaseTransaction>[1] & Record<string, unknown>;
  const { transactions } = (await response.json()) as { transactions: Listed[] };
  assert.equal(transactions.length, 1);
  return transactions[0]!;
}

describe("a sandbox sale's deadline", () => {
  test("waits for the crypto until the configured deadline, then reads FAILED, a status SPEC §3 lists", async () => {
    const { ref } = sell();
    const before = await listed(ref, t0 + DEADLINE_S * 1000 - 1);
    assert.equal(before.status, IN_PROGRESS);
    const expired = await listed(ref, t0 + DEADLINE_S * 1000);
    assert.equal(expired.status, FAILED);
    assert.equal(expired.failure_reason, undefined);
    assert.equal(expired.tx_hash, "");
    assert.equal(expired.completed_at, undefined);
    assert.equal(expired.to_address, before.to_address);
  });

  test("a deposit after the deadline is refused; the deposit page says the sale expired", async () => {
    const { id, ref } = sell();
    const late = t0 + DEADLINE_S * 1000 + 5;
    assert.deepEqual(simulateDeposit(id, late), { ok: false, reason: "expired" });
    assert.equal((await listed(ref, late + 60_000)).status, FAILED, "no deposit was taken");
    const page = depositPage({ transactionId: id }, late);
    assert.equal(page.ok, false);
    assert.equal(!page.ok && page.title, "This sale has expired");
    assert.match(!page.ok ? page.message : "", /deposit for it is refused/);
  });

  test("a deposit in time means it never expires", async () => {
    const { id, ref } = sell();
    assert.deepEqual(simulateDeposit(id, t0 + 1000), { ok: true });
    assert.equal(
      (await listed(ref, t0 + DEADLINE_S * 10_000)).status,
      "ONRAMP_TRANSACTION_STATUS_SUCCESS",
    );
    assert.deepEqual(expireSell(id, t0 + 2000), { ok: false, reason: "not-in-progress" });
  });

  test("“Let it expire now” moves the deadline to now", async () => {
    const { id, ref } = sell();
    assert.deepEqual(expireSell(id, t0 + 5000), { ok: true });
    assert.equal((await listed(ref, t0 + 5000)).status, FAILED);
    assert.deepEqual(simulateDeposit(id, t0 + 5001), { ok: false, reason: "expired" });
    assert.deepEqual(expireSell("no-such-id", t0), { ok: false, reason: "unknown" });
  });

  test("the app reads the v1 answer as failed; a status ending in _EXPIRED, should Coinbase send one, as expired", async () => {
    const { ref } = sell();
    const raw = await listed(ref, t0 + DEADLINE_S * 1000);
    assert.equal(OUTCOME_LABELS[outcomeOf(toCoinbaseTransaction("sell", raw), t0)], "Failed");
    const read = toCoinbaseTransaction("sell", {
      ...raw,
      status: "ONRAMP_TRANSACTION_STATUS_EXPIRED",
    });
    assert.equal(read.failureReason, EXPIRED_REASON);
    assert.equal(OUTCOME_LABELS[outcomeOf(read, t0)], "Expired");
  });
});
