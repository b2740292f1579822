import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fetchTransactions } from "../../lib/cdp/transactions-api";
import { isAppError } from "../../lib/http/app-error";
import { dropProcessSingleton } from "../../lib/process/singleton";

/**
 * The v1 Transaction Status call against a loopback stand-in for the sandbox host (sandbox
 * mode, APP_URL pointing here): Coinbase's documented page is read; a body that is not one
 * fails as an upstream error, with a log line naming the field, never as an empty list.
 */

const TX = {
  status: "ONRAMP_TRANSACTION_STATUS_SUCCESS",
  transaction_id: "tx-1",
  created_at: "2030-01-01T00:00:00Z",
  purchase_currency: "USDC",
  purchase_network: "base",
  purchase_amount: { value: "25", currency: "USDC" },
  payment_total: { value: "25.00", currency: "USD" },
  wallet_address: "0x52908400098527886e0f7030069857d2e4169ee7",
};
const ANSWERS: Record<string, unknown> = {
  page: { transactions: [TX], next_page_key: "", total_count: "1" },
  "no-list": { next_page_key: "", total_count: "1" },
  envelope: { data: { transactions: [TX], next_page_key: "", total_count: "1" } },
  // A failed purchase with its unset fields written as null, beside a good one.
  nulls: {
    transactions: [
      {
        ...TX,
        transaction_id: "tx-failed",
        status: "ONRAMP_TRANSACTION_STATUS_FAILED",
        tx_hash: null,
        network_fee: null,
        coinbase_fee: null,
        failure_reason: null,
        created_at: null,
      },
      TX,
    ],
    next_page_key: "",
    total_count: "2",
  },
  // A guest order's payment (Apple Pay, the v2 API) listed beside a hosted purchase.
  guest: {
    transactions: [
      { ...TX, transaction_id: "tx-guest", payment_method: "GUEST_CHECKOUT_APPLE_PAY" },
      { ...TX, payment_method: "GUEST_CHECKOUT_CARD" },
    ],
    next_page_key: "",
    total_count: "2",
  },
};

let server: Server;
const logged: string[] = [];
const stderrWrite = process.stderr.write;

before(async () => {
  server = createServer((req, res) => {
    const ref = /\/user\/([^/]+)\/transactions/.exec(req.url ?? "")?.[1] ?? "";
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(ANSWERS[ref] ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.APP_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dropProcessSingleton("config");
  process.stderr.write = ((line: string) => logged.push(line) > 0) as typeof process.stderr.write;
});

after(async () => {
  process.stderr.write = stderrWrite;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function failureOf(ref: string) {
  const thrown = await fetchTransactions("buy", ref).then(
    (list) => assert.fail(`expected a failure, got ${JSON.stringify(list)}`),
    (error: unknown) => error,
  );
  assert.ok(isAppError(thrown), String(thrown));
  return thrown;
}

describe("fetchTransactions: Coinbase's page", () => {
  test("the documented page is read", async () => {
    const [tx] = await fetchTransactions("buy", "page");
    assert.equal(tx?.id, "tx-1");
    assert.equal(tx?.asset, "USDC");
  });

  test("a field written as null reads as absent: one such transaction spoils nothing", async () => {
    const [failed, good] = await fetchTransactions("buy", "nulls");
    assert.deepEqual(
      [failed?.id, failed?.status, failed?.txHash, failed?.fees, failed?.createdAt],
      ["tx-failed", "failed", undefined, [], ""],
    );
    assert.equal(good?.id, "tx-1");
  });

  test("a guest order's payment is left out: the ledger has it as its order", async () => {
    const list = await fetchTransactions("buy", "guest");
    assert.deepEqual(
      list.map((t) => t.id),
      ["tx-1"],
    );
  });

  for (const ref of ["no-list", "envelope"]) {
    test(`a body without the transactions list (${ref}) is an upstream error, logged by field`, async () => {
      logged.length = 0;
      const error = await failureOf(ref);
      assert.equal(error.code, "upstream_error");
      const line = logged.find((l) => l.includes('"event":"cdp_unexpected_shape"')) ?? "";
      assert.match(line, /"fields":\["transactions: invalid_type"\]/);
      assert.match(line, /"path":"\/onramp\/v1\/buy\/user\//);
    });
  }
});
