import { describe, test } from "node:test";
import { sql } from "drizzle-orm";
import assert from "node:assert/strict";
import { NextRequest } from "next/server";
import { toCoinbaseTransaction, type CoinbaseTransaction } from "../../lib/cdp/transactions-api";
import { rampTransaction } from "../../lib/db/schema";
import { AppError } from "../../lib/http/app-error";
import { findLedgerRow, listLedger } from "../../lib/ledger/list-ledger";
import { HISTORY_PAGE, caughtUpHistory, loadRampHistory } from "../../lib/ledger/account-history";
import { readerOf, readTransactions, type Reader } from "../../lib/ledger/read-transactions";
import { reconcileLedger } from "../../lib/ledger/reconcile";
import { findUnfinishedOrder } from "../../lib/guest/unfinished-order";
import { recordOrder } from "../../lib/guest/orders";
import type { OnrampOrder } from "../../lib/guest/onramp-api";
import type { GuestOrderInput } from "../../lib/guest/schemas";
import { markReplaced, replaceOrder } from "../../lib/ledger/mark-replaced";
import { recordStarted, type StartedRamp } from "../../lib/ledger/record-started";
import { started as startedRow } from "../../lib/ramp/create-ramp-url";
import type { OnrampRequest } from "../../lib/ramp/schemas";
import {
  EVM,
  T0,
  at,
  rowOf as rowIn,
  started,
  startedAt as startedAtIn,
  withRivalWrite,
  attachId,
  memoryDatabaseForFile,
} from "../support/ledger-rows";
import { readStatusCapability, statusCapabilityCookie } from "../../lib/ledger/status-capability";
import { sumFees } from "../../lib/ledger/sum-fees";
import { syncLedger } from "../../lib/ledger/sync-ledger";
import { getConfig } from "../../lib/config/env";
import { depositKnown, EXPIRED_REASON } from "../../lib/ramp/transactions";
import { toRampTransaction } from "../../lib/ledger/to-ramp-transaction";
import { dropProcessSingleton } from "../../lib/process/singleton";
import { signValue } from "../../lib/security/signed-value";
import { getStore } from "../../lib/store/get-store";
import { MemoryStore } from "../../lib/store/memory-store";
import type { SharedStore } from "../../lib/store/shared-store";
import { storeUnavailable } from "../../lib/store/store-unavailable";

const db = memoryDatabaseForFile(rampTransaction);

function report(overrides: Partial<CoinbaseTransaction> = {}): CoinbaseTransaction {
  return {
    id: "cb-1",
    side: "buy",
    status: "in_progress",
    asset: "USDC",
    network: "base",
    crypto: { value: "49.1", currency: "USDC" },
    fiat: { value: "50.00", currency: "USD" },
    fees: [
      { value: "0.75", currency: "USD" },
      { value: "0.15", currency: "USD" },
    ],
    // The wallet the started rows were minted for: a report is attached only to its own.
    address: EVM,
    createdAt: at(60).toISOString(),
    ...overrides,
  };
}

const startedAt = (seconds: number, overrides: Partial<StartedRamp> = {}) =>
  startedAtIn(db(), seconds, overrides);
const rowOf = (id: string) => rowIn(db(), id);

describe("recording and listing", () => {
  test("a mint's row is `started` with what was asked, and listed newest first, per user and side", async () => {
    const first = await startedAt(1);
    const sell = await startedAt(2, { side: "sell", cryptoAmount: "0.1", fiatAmount: undefined });
    const second = await startedAt(3);
    await startedAt(4, { partnerUserRef: "someone-else" });

    const row = await rowOf(first);
    assert.equal(row.status, "started");
    assert.equal(row.partnerUserRef, "user-1");
    assert.deepEqual(
      [row.asset, row.network, row.address, row.fiatAmount, row.fiatCurrency, row.cryptoAmount],
      ["USDC", "base", EVM, "50", "USD", null],
    );
    assert.equal(row.coinbaseTransactionId, null);

    const all = await listLedger("user-1", {}, db());
    assert.deepEqual(
      all.map((r) => r.id),
      [second, sell, first],
    );
    const buys = await listLedger("user-1", { side: "buy" }, db());
    assert.deepEqual(
      buys.map((r) => r.id),
      [second, first],
    );
    assert.equal((await listLedger("nobody", {}, db())).length, 0);
  });

  test("an amount in money asked with no currency is kept in USD, as its pay URL says", () => {
    const input = {
      address: EVM,
      network: "base",
      asset: "USDC",
      fiatAmount: "40",
      redirectUrl: "http://localhost:3000/buy/complete",
    } as OnrampRequest;
    assert.equal(startedRow("buy", input, "user-1").fiatCurrency, "USD");
    assert.equal(
      startedRow("buy", { ...input, fiatCurrency: "EUR" }, "user-1").fiatCurrency,
      "EUR",
    );
    // An amount in the asset: no money asked, no currency kept.
    const inAsset = { ...input, fiatAmount: undefined, cryptoAmount: "5" };
    assert.equal(startedRow("buy", inAsset, "user-1").fiatCurrency, undefined);
  });

  test("an id that is not one of ours finds nothing (and does not reach Postgres as a bad uuid)", async () => {
    assert.equal(await findLedgerRow("not-a-uuid", db()), null);
    assert.equal(await findLedgerRow("00000000-0000-4000-8000-000000000000", db()), null);
  });
});

describe("reconciling with Coinbase", () => {
  test("a report attaches to the newest open row of the same asset and network started before it", async () => {
    // Started, back from Coinbase, started again and paid: the payment is the newer row's.
    const abandoned = await startedAt(0);
    const paid = await startedAt(10);
    const otherAsset = await startedAt(20, { asset: "ETH" });
    const otherNetwork = await startedAt(30, { network: "ethereum" });
    await reconcileLedger("buy", "user-1", [report()], db(), at(70));

    const row = await rowOf(paid);
    assert.equal(row.coinbaseTransactionId, "cb-1");
    assert.equal(row.status, "in_progress");
    assert.equal(row.cryptoAmount, "49.1");
    assert.equal(row.fiatAmount, "50.00");
    assert.deepEqual([row.feeAmount, row.feeCurrency], ["0.90", "USD"]);
    assert.equal(row.address, EVM, "the wallet we minted for stays");
    assert.equal(row.createdAt.getTime(), at(10).getTime(), "started time kept");
    for (const id of [abandoned, otherAsset, otherNetwork]) {
      const untouched = await rowOf(id);
      assert.equal(untouched.status, "started");
      assert.equal(untouched.coinbaseTransactionId, null);
    }
    assert.equal((await listLedger("user-1", {}, db())).length, 4, "nothing inserted");
  });

  test("several purchases each find their own row", async () => {
    // Two tabs: both started before either was paid, then paid in turn.
    const first = await startedAt(0);
    const second = await startedAt(10);
    // Paid a few seconds apart, each started just before (within the clock skew of the next).
    const third = await startedAt(100);
    const fourth = await startedAt(110);
    await reconcileLedger(
      "buy",
      "user-1",
      [
        report({ id: "cb-first", createdAt: at(20).toISOString() }),
        report({ id: "cb-second", createdAt: at(30).toISOString() }),
        report({ id: "cb-third", createdAt: at(105).toISOString() }),
        report({ id: "cb-fourth", createdAt: at(115).toISOString() }),
      ],
      db(),
      at(200),
    );
    assert.deepEqual(
      await Promise.all(
        [first, second, third, fourth].map(async (id) => (await rowOf(id)).coinbaseTransactionId),
      ),
      ["cb-first", "cb-second", "cb-third", "cb-fourth"],
    );
  });

  test("with no row started before it, a row started within the clock skew after it is its origin", async () => {
    const skewed = await startedAt(90);
    await reconcileLedger("buy", "user-1", [report()], db(), at(120));
    assert.equal((await rowOf(skewed)).coinbaseTransactionId, "cb-1");
  });

  test("a row started after the transaction (beyond clock skew) is not its origin: the report is inserted", async () => {
    const later = await startedAt(60 + 5 * 60);
    await reconcileLedger("buy", "user-1", [report()], db(), at(400));
    assert.equal((await rowOf(later)).coinbaseTransactionId, null);
    const rows = await listLedger("user-1", {}, db());
    assert.equal(rows.length, 2);
    const inserted = rows.find((r) => r.coinbaseTransactionId === "cb-1")!;
    assert.equal(inserted.createdAt.toISOString(), at(60).toISOString(), "Coinbase's time");
  });

  test("unknown transactions are inserted once, however often they are reported", async () => {
    // The user's wallet is known (an ETH purchase started for it), but no row is of these.
    await startedAt(0, { asset: "ETH" });
    const reports = [
      report({ id: "cb-a", createdAt: at(1).toISOString(), status: "success", txHash: "0xabc" }),
      report({ id: "cb-b", createdAt: at(2).toISOString(), address: EVM }),
    ];
    await reconcileLedger("buy", "user-1", reports, db(), at(10));
    await reconcileLedger("buy", "user-1", reports, db(), at(20));
    const rows = (await listLedger("user-1", {}, db())).filter((r) => r.coinbaseTransactionId);
    assert.deepEqual(
      rows.map((r) => [r.coinbaseTransactionId, r.status, r.side, r.asset, r.network]),
      [
        ["cb-b", "in_progress", "buy", "USDC", "base"],
        ["cb-a", "success", "buy", "USDC", "base"],
      ],
    );
    assert.equal(rows[1]!.txHash, "0xabc");
    assert.equal(rows[0]!.address, EVM);
  });

  test("a report a webhook attached to another row meanwhile goes to that row, not to a 500", async () => {
    const older = await startedAt(0);
    const newer = await startedAt(10);
    // Between the poll's read of the ledger and its write, another instance attaches the
    // same Coinbase id to the older row (its own read saw a different set of open rows).
    const racing = withRivalWrite(db(), attachId(older, "cb-1"));
    await reconcileLedger(
      "buy",
      "user-1",
      [report({ status: "success", txHash: "0x9" })],
      racing.db,
      at(70),
    );
    assert.ok(racing.state.raced, "the rival wrote first");
    const holder = await rowOf(older);
    assert.deepEqual(
      [holder.coinbaseTransactionId, holder.status, holder.txHash],
      ["cb-1", "success", "0x9"],
    );
    const other = await rowOf(newer);
    assert.deepEqual([other.coinbaseTransactionId, other.status], [null, "started"]);
  });

  test("a known row follows Coinbase forward, and a final status never moves back", async () => {
    const id = await startedAt(0);
    await reconcileLedger("buy", "user-1", [report({ status: "in_progress" })], db(), at(70));
    await reconcileLedger(
      "buy",
      "user-1",
      [report({ status: "success", txHash: "0x1" })],
      db(),
      at(80),
    );
    assert.equal((await rowOf(id)).status, "success");
    assert.equal((await rowOf(id)).txHash, "0x1");
    assert.equal((await rowOf(id)).updatedAt.getTime(), at(80).getTime());

    // A stale or odd report afterwards changes nothing.
    await reconcileLedger(
      "buy",
      "user-1",
      [report({ status: "in_progress", txHash: undefined, fiat: { value: "1", currency: "EUR" } })],
      db(),
      at(90),
    );
    const row = await rowOf(id);
    assert.equal(row.status, "success");
    assert.equal(row.fiatAmount, "50.00");
    assert.equal(row.updatedAt.getTime(), at(80).getTime());

    const failed = await startedAt(100, { asset: "ETH" });
    const cancel = report({
      id: "cb-2",
      asset: "ETH",
      status: "failed",
      createdAt: at(110).toISOString(),
    });
    await reconcileLedger("buy", "user-1", [cancel], db(), at(120));
    await reconcileLedger("buy", "user-1", [{ ...cancel, status: "success" }], db(), at(130));
    assert.equal((await rowOf(failed)).status, "failed");
  });

  test("a sale whose crypto was sent never asks for it again; an expired one fails with why", async () => {
    const sell = await startedAt(0, { side: "sell", fiatAmount: undefined, cryptoAmount: "0.5" });
    const sale = (overrides: Partial<CoinbaseTransaction>) =>
      report({ side: "sell", toAddress: "0xdeposit", fees: [], ...overrides });
    await reconcileLedger(
      "sell",
      "user-1",
      [sale({ status: "in_progress", txHash: "0xsent" })],
      db(),
      at(70),
    );
    // A later answer that lacks the hash (as a late event may) does not bring the deposit back.
    await reconcileLedger("sell", "user-1", [sale({ status: "awaiting_deposit" })], db(), at(80));
    assert.equal((await rowOf(sell)).status, "in_progress");

    const expiring = await startedAt(100, { side: "sell", asset: "ETH", fiatAmount: undefined });
    const fromCoinbase = {
      transaction_id: "cb-expired",
      status: "TRANSACTION_STATUS_EXPIRED",
      asset: "ETH",
      network: "base",
      created_at: at(110).toISOString(),
      from_address: EVM,
      to_address: "0xdeposit",
    };
    const expired = toCoinbaseTransaction("sell", fromCoinbase);
    await reconcileLedger("sell", "user-1", [expired], db(), at(400));
    const row = await rowOf(expiring);
    assert.deepEqual([row.status, row.failureReason], ["failed", EXPIRED_REASON]);
  });

  test("a failure read with an empty or unspecified reason still takes EXPIRED when it comes", async () => {
    for (const [n, placeholder] of ["", "FAILURE_REASON_UNSPECIFIED"].entries()) {
      const expiring = await startedAt(200 + n * 50, {
        side: "sell",
        asset: "ETH",
        fiatAmount: undefined,
      });
      const listed = {
        transaction_id: `cb-listed-${n}`,
        asset: "ETH",
        network: "base",
        created_at: at(210 + n * 50).toISOString(),
        from_address: EVM,
        to_address: "0xdeposit",
      };
      const failed = toCoinbaseTransaction("sell", {
        ...listed,
        status: "TRANSACTION_STATUS_FAILED",
        failure_reason: placeholder,
      });
      await reconcileLedger("sell", "user-1", [failed], db(), at(220 + n * 50));
      assert.equal((await rowOf(expiring)).failureReason, null);
      const expired = toCoinbaseTransaction("sell", {
        ...listed,
        status: "TRANSACTION_STATUS_EXPIRED",
      });
      await reconcileLedger("sell", "user-1", [expired], db(), at(230 + n * 50));
      assert.deepEqual(
        [(await rowOf(expiring)).status, (await rowOf(expiring)).failureReason],
        ["failed", EXPIRED_REASON],
      );
    }
  });

  test("a network the list names as a resource (network/base-mainnet) is the start's network", async () => {
    const sell = await startedAt(300, { side: "sell", asset: "ETH", fiatAmount: undefined });
    const listed = toCoinbaseTransaction("sell", {
      transaction_id: "cb-resource-network",
      status: "TRANSACTION_STATUS_STARTED",
      asset: "ETH",
      network: "network/base-mainnet",
      created_at: at(310).toISOString(),
      from_address: EVM,
      to_address: "0xdeposit",
    });
    assert.equal(listed.network, "base");
    await reconcileLedger("sell", "user-1", [listed], db(), at(320));
    assert.equal((await rowOf(sell)).coinbaseTransactionId, "cb-resource-network");
  });

  test('Coinbase\'s "0x" is no hash: a sale still waiting for its crypto keeps its deposit step', async () => {
    const waiting = toCoinbaseTransaction("sell", {
      transaction_id: "cb-waiting",
      status: "TRANSACTION_STATUS_STARTED",
      asset: "ETH",
      network: "base",
      created_at: at(10).toISOString(),
      to_address: "0xdeposit",
      tx_hash: "0x",
    });
    assert.deepEqual([waiting.status, waiting.txHash], ["awaiting_deposit", undefined]);
  });

  test("a success reported before its hash was known takes the hash when it comes, and nothing else changes a final row", async () => {
    const id = await startedAt(0);
    await reconcileLedger("buy", "user-1", [report({ status: "success" })], db(), at(70));
    assert.equal((await rowOf(id)).txHash, null);
    await reconcileLedger(
      "buy",
      "user-1",
      [report({ status: "success", txHash: "0xlate" })],
      db(),
      at(80),
    );
    assert.deepEqual([(await rowOf(id)).status, (await rowOf(id)).txHash], ["success", "0xlate"]);
    await reconcileLedger(
      "buy",
      "user-1",
      [report({ status: "success", txHash: "0xother" })],
      db(),
      at(90),
    );
    await reconcileLedger("buy", "user-1", [report({ status: "failed" })], db(), at(95));
    assert.deepEqual([(await rowOf(id)).status, (await rowOf(id)).txHash], ["success", "0xlate"]);
  });

  test("a sell's deposit address and the other side's rows", async () => {
    const sell = await startedAt(0, { side: "sell", fiatAmount: undefined, cryptoAmount: "0.5" });
    const buy = await startedAt(0);
    await reconcileLedger(
      "sell",
      "user-1",
      [report({ side: "sell", status: "awaiting_deposit", toAddress: "0xdeposit", fees: [] })],
      db(),
      at(70),
    );
    const row = await rowOf(sell);
    assert.equal(row.coinbaseTransactionId, "cb-1");
    assert.equal(row.status, "awaiting_deposit");
    assert.equal(row.depositAddress, "0xdeposit");
    assert.equal(row.feeAmount, null);
    assert.equal((await rowOf(buy)).status, "started", "a sell report never takes a buy row");
  });

  test("Coinbase's first report replaces the amounts we started with, absent ones too", async () => {
    // Asked to sell 0.5 ETH, the user changed it on Coinbase's page; the first report names
    // the deposit address, not yet the amount: the deposit must not ask for our 0.5.
    const sell = await startedAt(0, {
      side: "sell",
      asset: "ETH",
      fiatAmount: undefined,
      cryptoAmount: "0.5",
    });
    const changed = report({
      side: "sell",
      asset: "ETH",
      status: "awaiting_deposit",
      toAddress: "0xdeposit",
      crypto: undefined,
      fiat: undefined,
      fees: [],
    });
    await reconcileLedger("sell", "user-1", [changed], db(), at(70));
    const row = await rowOf(sell);
    assert.deepEqual(
      [row.cryptoAmount, row.fiatAmount, row.depositAddress],
      [null, null, "0xdeposit"],
    );
    assert.equal(depositKnown(toRampTransaction(row)), false);
    // The next report with the amount completes it.
    const withAmount = { ...changed, crypto: { value: "0.4", currency: "ETH" } };
    await reconcileLedger("sell", "user-1", [withAmount], db(), at(80));
    const later = await rowOf(sell);
    assert.equal(later.cryptoAmount, "0.4");
    assert.equal(depositKnown(toRampTransaction(later)), true);
  });

  test("a sale's amount in another currency than its asset is no amount to deposit", async () => {
    const sell = await startedAt(0, {
      side: "sell",
      asset: "ETH",
      fiatAmount: undefined,
      cryptoAmount: "0.5",
    });
    const inDollars = report({
      side: "sell",
      asset: "ETH",
      status: "awaiting_deposit",
      toAddress: "0xdeposit",
      crypto: { value: "5.00", currency: "USD" },
      fees: [],
    });
    await reconcileLedger("sell", "user-1", [inDollars], db(), at(70));
    const row = await rowOf(sell);
    assert.deepEqual([row.cryptoAmount, row.depositAddress], [null, "0xdeposit"]);
    assert.equal(depositKnown(toRampTransaction(row)), false);
    // A report naming no asset: a figure in a fiat currency is still no crypto amount.
    const unnamed = { ...inDollars, asset: "", crypto: { value: "6.00", currency: "USD" } };
    await reconcileLedger("sell", "user-1", [unnamed], db(), at(75));
    assert.equal((await rowOf(sell)).cryptoAmount, null);
    // In the asset, whatever its case, it is the amount.
    const inEth = { ...inDollars, crypto: { value: "0.4", currency: "eth" } };
    await reconcileLedger("sell", "user-1", [inEth], db(), at(80));
    assert.equal((await rowOf(sell)).cryptoAmount, "0.4");
  });

  test("another user's reports never touch this user's rows", async () => {
    const mine = await startedAt(0);
    await startedAt(0, { partnerUserRef: "user-2", asset: "ETH" }); // user-2 named this wallet too
    await reconcileLedger("buy", "user-2", [report()], db(), at(70));
    assert.equal((await rowOf(mine)).coinbaseTransactionId, null);
    // And user-1 hearing of user-2's Coinbase id (it cannot, but) leaves user-2's row alone.
    await reconcileLedger("buy", "user-1", [report({ status: "failed" })], db(), at(80));
    const theirs = (await listLedger("user-2", {}, db()))[0]!;
    assert.equal(theirs.status, "in_progress");
  });
});

describe("adding fees", () => {
  test("decimal strings add exactly, in one currency only", () => {
    assert.deepEqual(
      sumFees([
        { value: "0.1", currency: "USD" },
        { value: "0.2", currency: "USD" },
      ]),
      { value: "0.3", currency: "USD" },
    );
    assert.deepEqual(sumFees([{ value: "2", currency: "EUR" }]), { value: "2", currency: "EUR" });
    assert.deepEqual(
      sumFees([
        { value: "0.005", currency: "USD" },
        { value: "1.99", currency: "USD" },
      ]),
      { value: "1.995", currency: "USD" },
    );
    assert.equal(sumFees([]), undefined);
    assert.equal(
      sumFees([
        { value: "1", currency: "USD" },
        { value: "1", currency: "EUR" },
      ]),
      undefined,
    );
    assert.equal(sumFees([{ value: "-1", currency: "USD" }]), undefined);
  });
});

describe("syncing, throttled", () => {
  function fakeCoinbase(reports: CoinbaseTransaction[]) {
    const calls: string[] = [];
    const fetch = async (side: "buy" | "sell", ref: string) => {
      calls.push(`${side}:${ref}`);
      return reports;
    };
    return { calls, fetch };
  }

  test("at most one Coinbase call per user and side per interval, across callers sharing the store", async () => {
    let now = T0;
    const store = new MemoryStore(() => now);
    const coinbase = fakeCoinbase([report()]);
    const deps = { db: db(), store, fetch: coinbase.fetch };
    await startedAt(0);

    assert.equal(await syncLedger("buy", "user-1", deps), "synced");
    assert.equal((await listLedger("user-1", {}, db()))[0]!.coinbaseTransactionId, "cb-1");
    now += 1000;
    assert.equal(await syncLedger("buy", "user-1", deps), "throttled");
    assert.equal(await syncLedger("buy", "user-1", deps), "throttled");
    assert.equal(await syncLedger("sell", "user-1", deps), "synced", "each side its own turn");
    assert.equal(await syncLedger("buy", "user-2", deps), "synced", "each user their own turn");
    now += getConfig().ledgerSyncSeconds * 1000;
    assert.equal(await syncLedger("buy", "user-1", deps), "synced");
    assert.deepEqual(coinbase.calls, ["buy:user-1", "sell:user-1", "buy:user-2", "buy:user-1"]);
  });

  test("LEDGER_SYNC_SECONDS=0: never a Coinbase call (the ledger follows webhooks alone)", async () => {
    const coinbase = fakeCoinbase([report()]);
    const id = await startedAt(0);
    process.env.LEDGER_SYNC_SECONDS = "0";
    dropProcessSingleton("config");
    try {
      const deps = { db: db(), store: new MemoryStore(() => T0), fetch: coinbase.fetch };
      assert.equal(await syncLedger("buy", "user-1", deps), "off");
      assert.deepEqual(coinbase.calls, []);
      assert.equal((await rowOf(id)).status, "started");
    } finally {
      delete process.env.LEDGER_SYNC_SECONDS;
      dropProcessSingleton("config");
    }
  });

  test("with the store down the sync is skipped and Coinbase not called", async () => {
    const down: SharedStore = {
      setIfAbsent: async () => {
        throw storeUnavailable();
      },
      get: async () => null,
      set: async () => {},
      delete: async () => {},
      close: async () => {},
    };
    const coinbase = fakeCoinbase([report()]);
    const id = await startedAt(0);
    assert.equal(
      await syncLedger("buy", "user-1", { db: db(), store: down, fetch: coinbase.fetch }),
      "skipped",
    );
    assert.deepEqual(coinbase.calls, []);
    assert.equal((await rowOf(id)).status, "started");
  });

  test("a Coinbase failure leaves the ledger as it was; a bug is not swallowed", async () => {
    const id = await startedAt(0);
    const failing = async () => {
      throw new AppError("upstream_timeout", "Coinbase did not answer in time");
    };
    const deps = { db: db(), store: new MemoryStore(), fetch: failing };
    assert.equal(await syncLedger("buy", "user-1", deps), "skipped");
    assert.equal((await rowOf(id)).status, "started");
    const buggy = async () => {
      throw new TypeError("boom");
    };
    await assert.rejects(
      syncLedger("buy", "user-1", { db: db(), store: new MemoryStore(), fetch: buggy }),
      TypeError,
    );
  });
});

describe("the phone's capability", () => {
  const request = (cookie?: string, headers: Record<string, string> = {}) =>
    new NextRequest("http://localhost:3000/api/transactions?side=buy", {
      headers: { ...headers, ...(cookie ? { cookie } : {}) },
    });
  const cookieFor = (rowId: string) => {
    const c = statusCapabilityCookie(rowId);
    return `${c.name}=${c.value}`;
  };

  test("the cookie names one row, is httpOnly, and cannot be forged, repurposed or kept past a day", () => {
    const id = "11111111-1111-4111-8111-111111111111";
    const cookie = statusCapabilityCookie(id, T0);
    assert.equal(cookie.options.httpOnly, true);
    assert.equal(cookie.options.maxAge, 24 * 60 * 60);
    assert.equal(readStatusCapability(cookie.value, T0), id);
    assert.equal(readStatusCapability(cookie.value, T0 + 24 * 60 * 60 * 1000), null);
    const other = "22222222-2222-4222-8222-222222222222";
    assert.equal(readStatusCapability(cookie.value.replace(id, other), T0), null);
    const exp = Math.floor(T0 / 1000) + 10 ** 9;
    assert.equal(readStatusCapability(signValue("ramp-user", `${id}:${exp}`), T0), null);
    assert.equal(readStatusCapability(undefined, T0), null);
  });

  test("without a session it reads that one row of the user's ledger, nothing else", async () => {
    const phone = await recordStarted(started({ partnerUserRef: "owner" }), db());
    await recordStarted(started({ partnerUserRef: "owner" }), db());
    await recordStarted(started({ partnerUserRef: "owner", side: "sell" }), db());
    // Coinbase is not asked in this test: the owner's turn is already taken.
    await getStore().setIfAbsent("ledger-sync:buy:owner", "1", 60_000);

    const reader = await readerOf(request(cookieFor(phone)), "owner");
    assert.deepEqual(reader, { kind: "capability", rowId: phone });
    const seen = await readTransactions(reader, "buy");
    assert.deepEqual(
      seen.map((t) => t.id),
      [phone],
    );
    assert.equal(seen[0]!.status, "started");
    assert.deepEqual(await readTransactions(reader, "sell"), [], "not the other side either");
    // A completion page about its own order reads it; about another (a phone that opened a
    // second link, which took the cookie's place), it is asked to sign in, not shown this one.
    assert.deepEqual(
      (await readTransactions(reader, "buy", phone)).map((t) => t.id),
      [phone],
    );
    const other = await recordStarted(started({ partnerUserRef: "owner" }), db());
    await assert.rejects(
      readTransactions(reader, "buy", other),
      (e: unknown) => e instanceof AppError && e.code === "sign_in_required",
    );
  });

  test("signed in as another account, the order it paid through the link is the one shown", async () => {
    const phone = await recordStarted(started({ partnerUserRef: "desktop-user" }), db());
    const own = await recordStarted(started({ partnerUserRef: "phone-user" }), db());
    // Coinbase is not asked in this test: both users' turns are already taken.
    await getStore().setIfAbsent("ledger-sync:buy:desktop-user", "1", 60_000);
    await getStore().setIfAbsent("ledger-sync:buy:phone-user", "1", 60_000);
    const ids = async (reader: Reader, order?: string) =>
      (await readTransactions(reader, "buy", order)).map((t) => t.id);
    const holder = { kind: "owner", partnerUserRef: "phone-user", handoffRowId: phone } as const;
    assert.deepEqual(await ids(holder, phone), [phone]);
    // The phone's own history, and any other order, are as they were.
    assert.deepEqual(await ids(holder), [own]);
    const another = await recordStarted(started({ partnerUserRef: "desktop-user" }), db());
    assert.deepEqual(await ids(holder, another), [own]);
    assert.deepEqual(await ids({ kind: "owner", partnerUserRef: "phone-user" }, phone), [own]);
  });

  test("no cookie, a forged one, or an API key attempt: sign_in_required", async () => {
    const isSignIn = (e: unknown) => e instanceof AppError && e.code === "sign_in_required";
    await assert.rejects(readerOf(request(), undefined), isSignIn);
    await assert.rejects(readerOf(request("ramp_status=abc.def"), undefined), isSignIn);
    const id = await recordStarted(started(), db());
    await assert.rejects(
      readerOf(request(cookieFor(id), { authorization: "Bearer not-a-key" }), undefined),
      isSignIn,
    );
  });
});

describe("the order a completion page is about", () => {
  test("is listed however old, when it is the reader's own and of that side; no one else's is", async () => {
    const reader = { kind: "owner", partnerUserRef: "reader-1" } as const;
    const paidFirst = await startedAt(-3600, { partnerUserRef: "reader-1" });
    for (let i = 0; i < 20; i++) await startedAt(i, { partnerUserRef: "reader-1" });
    const anotherUsers = await startedAt(-3600, { partnerUserRef: "reader-2" });
    const aSale = await startedAt(-3600, { partnerUserRef: "reader-1", side: "sell" });
    // Coinbase is not asked in this test: the reader's turn is already taken.
    await getStore().setIfAbsent("ledger-sync:buy:reader-1", "1", 60_000);
    const ids = async (order?: string) =>
      (await readTransactions(reader, "buy", order)).map((t) => t.id);

    const newest = await ids();
    assert.equal(newest.length, 20);
    assert.ok(!newest.includes(paidFirst), "older than the newest 20");
    assert.deepEqual(await ids(paidFirst), [...newest, paidFirst]);
    assert.deepEqual(await ids(newest[5]), newest, "one already listed is not listed twice");
    assert.deepEqual(await ids(anotherUsers), newest);
    assert.deepEqual(await ids(aSale), newest);
    assert.deepEqual(await ids("not-a-ledger-id"), newest);
  });
});

describe("the account page's history, a page at a time", () => {
  const viewer = { state: "signed_in", user: { id: "pager-1", email: "p@example.com" } } as const;

  test("pages follow one another, newest first, nothing missed or twice, rows of one millisecond included", async () => {
    // A page and ten rows: three started in one microsecond (listed by id among themselves),
    // and the row the first page ends on (the one started at 10 s) has two more within its
    // millisecond (Postgres keeps microseconds, a JavaScript Date does not).
    const total = HISTORY_PAGE + 10;
    const ids: string[] = [];
    for (let i = 0; i < total - 3; i++) ids.push(await startedAt(i, { partnerUserRef: "pager-1" }));
    for (let i = 0; i < 3; i++) ids.push(await startedAt(total - 3, { partnerUserRef: "pager-1" }));
    const microseconds = [
      [ids[10]!, 300],
      [ids[9]!, 200],
      [ids[8]!, 100],
    ] as const;
    for (const [id, us] of microseconds)
      await db().execute(
        sql`update ramp_transaction set created_at = ${at(10).toISOString()}::timestamptz + ${`${us} microseconds`}::interval where id = ${id}`,
      );
    await startedAt(30, { partnerUserRef: "pager-2" });
    const expected = (await listLedger("pager-1", { limit: 100 }, db())).map((r) => r.id);
    assert.equal(expected.length, total);

    const first = await loadRampHistory(viewer);
    assert.ok(first.kind === "ready");
    assert.equal(first.transactions.length, HISTORY_PAGE);
    assert.equal(first.paged, false);
    assert.equal(first.older, true);
    assert.equal(first.transactions.at(-1)!.id, ids[10], "the page ends within a millisecond");
    const second = await loadRampHistory(viewer, first.transactions.at(-1)!.id);
    assert.ok(second.kind === "ready");
    assert.equal(second.paged, true);
    assert.equal(second.older, false);
    assert.equal(second.newerAfter, undefined, "the page before is the newest");
    assert.deepEqual(
      [...first.transactions, ...second.transactions].map((t) => t.id),
      expected,
    );
  });

  test("Newer goes back to the page before, a page further than the first included", async () => {
    const reader = { state: "signed_in", user: { id: "pager-5", email: "r@example.com" } } as const;
    // Two pages and a half; the rows of one second, as a busy user's may be.
    for (let i = 0; i < 2 * HISTORY_PAGE + 10; i++)
      await startedAt(Math.floor(i / 7), { partnerUserRef: "pager-5" });
    const pages = [await loadRampHistory(reader)];
    for (let i = 1; i < 3; i++) {
      const before = pages[i - 1]!;
      assert.ok(before.kind === "ready");
      pages.push(await loadRampHistory(reader, before.transactions.at(-1)!.id));
    }
    const [first, second, third] = pages.map((page) => {
      assert.ok(page.kind === "ready");
      return page;
    });
    assert.equal(third!.transactions.length, 10);
    // The third's Newer is the second page, exactly as Older listed it; the second's the newest.
    assert.equal(third!.newerAfter, first!.transactions.at(-1)!.id);
    const back = await loadRampHistory(reader, third!.newerAfter);
    assert.ok(back.kind === "ready");
    assert.deepEqual(back.transactions, second!.transactions);
    assert.equal(second!.newerAfter, undefined);
    assert.equal(first!.newerAfter, undefined);
  });

  test("a page after another user's row, or after nonsense, is the first page", async () => {
    const mine = await startedAt(0, { partnerUserRef: "pager-3" });
    const theirs = await startedAt(-10, { partnerUserRef: "pager-4" });
    const me = { state: "signed_in", user: { id: "pager-3", email: "q@example.com" } } as const;
    for (const after of [theirs, "not-a-row"]) {
      const page = await loadRampHistory(me, after);
      assert.ok(page.kind === "ready");
      assert.deepEqual(
        page.transactions.map((t) => t.id),
        [mine],
      );
      assert.equal(page.paged, false);
    }
  });
});

describe("the account page catches up with Coinbase (lib/ledger/catch-up.ts)", () => {
  const viewerOf = (id: string) =>
    ({ state: "signed_in", user: { id, email: `${id}@example.com` } }) as const;

  test("a purchase paid on Coinbase that no page asked about reads as Coinbase reports it", async () => {
    const viewer = viewerOf("late-1");
    const id = await startedAt(0, { partnerUserRef: "late-1" });
    const shown = await loadRampHistory(viewer);
    assert.ok(shown.kind === "ready");
    assert.equal(shown.transactions[0]?.status, "started", "the ledger, shown at once");
    const asked: string[] = [];
    const sync = (side: "buy" | "sell", ref: string) => {
      asked.push(`${side}:${ref}`);
      const fetch = async () => [report({ id: "cb-late", status: "success", txHash: "0xabc" })];
      return syncLedger(side, ref, { db: db(), store: new MemoryStore(), fetch });
    };
    const caughtUp = await caughtUpHistory(viewer, shown, undefined, { sync });
    assert.deepEqual(asked, ["buy:late-1"], "the side of the open row alone");
    assert.ok(caughtUp.kind === "ready");
    assert.deepEqual(
      caughtUp.transactions.map((t) => [t.id, t.status, t.coinbaseId]),
      [[id, "success", "cb-late"]],
    );
  });

  test("Coinbase failing or slow: the history as shown, within the wait", async () => {
    const viewer = viewerOf("late-2");
    const id = await startedAt(0, { partnerUserRef: "late-2" });
    const shown = await loadRampHistory(viewer);
    const failing = async () => {
      throw new AppError("upstream_error", "Coinbase answered 500");
    };
    const hanging = () => new Promise<never>(() => {});
    for (const sync of [failing, hanging]) {
      const began = Date.now();
      const page = await caughtUpHistory(viewer, shown, undefined, { sync, waitMs: 100 });
      assert.ok(Date.now() - began < 1_000, "not waiting on Coinbase");
      assert.ok(page.kind === "ready");
      assert.deepEqual(
        page.transactions.map((t) => [t.id, t.status]),
        [[id, "started"]],
      );
    }
  });

  test("nothing Coinbase may still move: not asked, the history as shown", async () => {
    const viewer = viewerOf("late-3");
    const id = await startedAt(0, { partnerUserRef: "late-3" });
    await db()
      .update(rampTransaction)
      .set({ status: "failed" })
      .where(sql`id = ${id}`);
    const shown = await loadRampHistory(viewer);
    const sync = async () => assert.fail("Coinbase asked");
    assert.equal(await caughtUpHistory(viewer, shown, undefined, { sync }), shown);
  });
});

describe("a guest order replaced before its payment (lib/ledger/mark-replaced.ts)", () => {
  const order = (
    orderId: string,
    partnerUserRef: string,
    status: "awaiting_payment" | "in_progress",
  ) =>
    db().insert(rampTransaction).values({
      partnerUserRef,
      side: "buy",
      status,
      asset: "USDC",
      network: "base",
      address: EVM,
      coinbaseOrderId: orderId,
      paymentLinkUrl: "https://pay.example/link",
      paymentLinkType: "PAYMENT_LINK_TYPE_APPLE_PAY_BUTTON",
    });
  const rowOf = async (orderId: string) =>
    (await db().select().from(rampTransaction)).find((r) => r.coinbaseOrderId === orderId)!;

  test("the user's own unpaid order is marked, its payment button dropped", async () => {
    await order("o-1", "alice", "awaiting_payment");
    assert.equal(await markReplaced(db(), "alice", "o-1", "o-2"), true);
    const row = await rowOf("o-1");
    assert.equal(row.replacedBy, "o-2");
    assert.equal(row.paymentLinkUrl, null);
    assert.equal(toRampTransaction(row).replacedBy, "o-2");
  });

  test("not another user's order, nor one Coinbase reported paid", async () => {
    await order("o-1", "alice", "awaiting_payment");
    await order("o-3", "alice", "in_progress");
    assert.equal(await markReplaced(db(), "mallory", "o-1", "o-9"), false);
    assert.equal(await markReplaced(db(), "alice", "o-3", "o-4"), false);
    for (const id of ["o-1", "o-3"]) {
      const row = await rowOf(id);
      assert.equal(row.replacedBy, null, id);
      assert.equal(row.paymentLinkUrl, "https://pay.example/link", id);
    }
  });

  test("the first replacement stands: a second tab replacing the same order does not rewrite it", async () => {
    await order("o-1", "alice", "awaiting_payment");
    assert.equal(await markReplaced(db(), "alice", "o-1", "o-2"), true);
    assert.equal(await markReplaced(db(), "alice", "o-1", "o-3"), false);
    assert.equal((await rowOf("o-1")).replacedBy, "o-2");

    // Both tabs at once: one of them wins, and the row names that one.
    await order("o-4", "alice", "awaiting_payment");
    const marked = await Promise.all(
      ["o-5", "o-6"].map((id) => markReplaced(db(), "alice", "o-4", id)),
    );
    assert.deepEqual([...marked].sort(), [false, true]);
    assert.equal((await rowOf("o-4")).replacedBy, marked[0] ? "o-5" : "o-6");
  });

  test("a second tab's order in place of one already replaced is replaced by the first tab's: one order to pay", async () => {
    // Placed in this order, a minute apart: the second tab's o-3 is the newest.
    for (const [id, minutesAgo] of [
      ["o-1", 3],
      ["o-2", 2],
      ["o-3", 1],
    ] as const) {
      await order(id, "alice", "awaiting_payment");
      await db()
        .update(rampTransaction)
        .set({ createdAt: new Date(Date.now() - minutesAgo * 60_000) })
        .where(sql`coinbase_order_id = ${id}`);
    }
    assert.deepEqual(await replaceOrder(db(), "alice", "o-1", "o-2"), {});
    assert.deepEqual(await replaceOrder(db(), "alice", "o-1", "o-3"), { overtakenBy: "o-2" });
    const late = await rowOf("o-3");
    assert.equal(late.replacedBy, "o-2");
    assert.equal(late.paymentLinkUrl, null);
    assert.equal(toRampTransaction(late).replacedBy, "o-2");
    // The first tab's order is untouched, and it is the one a reloaded page offers to pay,
    // though the late one is newer.
    const first = await rowOf("o-2");
    assert.equal(first.replacedBy, null);
    assert.equal(first.paymentLinkUrl, "https://pay.example/link");
    assert.equal((await findUnfinishedOrder("alice"))?.orderId, "o-2");

    // Both tabs at once: whichever loses is replaced by the one that won.
    for (const id of ["o-4", "o-5", "o-6"]) await order(id, "alice", "awaiting_payment");
    const answers = await Promise.all(
      ["o-5", "o-6"].map((id) => replaceOrder(db(), "alice", "o-4", id)),
    );
    const winner = (await rowOf("o-4")).replacedBy!;
    const loser = winner === "o-5" ? "o-6" : "o-5";
    assert.deepEqual(
      answers,
      winner === "o-5" ? [{}, { overtakenBy: "o-5" }] : [{ overtakenBy: "o-6" }, {}],
    );
    assert.equal((await rowOf(loser)).replacedBy, winner);
    assert.equal((await rowOf(winner)).replacedBy, null);
  });

  test("an order in place of one paid meanwhile, or of another user's, stands on its own", async () => {
    await order("o-1", "alice", "in_progress");
    await order("o-2", "alice", "awaiting_payment");
    assert.deepEqual(await replaceOrder(db(), "alice", "o-1", "o-2"), {});
    assert.equal((await rowOf("o-2")).replacedBy, null);
    // Alice's order replaced by hers: Mallory naming it learns nothing, and keeps her order.
    await order("o-3", "alice", "awaiting_payment");
    await order("o-4", "alice", "awaiting_payment");
    await order("o-5", "mallory", "awaiting_payment");
    await markReplaced(db(), "alice", "o-3", "o-4");
    assert.deepEqual(await replaceOrder(db(), "mallory", "o-3", "o-5"), {});
    assert.equal((await rowOf("o-5")).replacedBy, null);
  });
});

describe("a guest order whose webhook came before the order route wrote its row", () => {
  test("the route fills in what the event left out, and keeps the status and what it said", async () => {
    // Only the order's id and status are sure to be in an event (the OpenAPI's required fields).
    await db().insert(rampTransaction).values({
      partnerUserRef: "alice",
      side: "buy",
      status: "in_progress",
      asset: "",
      network: "",
      fiatAmount: "20.00",
      coinbaseOrderId: "o-early",
    });
    const input = { asset: "USDC", network: "base", address: EVM } as GuestOrderInput;
    const order = {
      orderId: "o-early",
      status: "ONRAMP_ORDER_STATUS_PENDING_PAYMENT",
      paymentTotal: "20.35",
      paymentCurrency: "USD",
      purchaseAmount: "19.91",
    } as OnrampOrder;
    const link = {
      url: "https://pay.example/link",
      paymentLinkType: "PAYMENT_LINK_TYPE_GOOGLE_PAY_BUTTON",
    };
    await recordOrder("alice", input, order, link);
    const [row] = await db().select().from(rampTransaction);
    assert.deepEqual(
      [row!.status, row!.asset, row!.network, row!.address, row!.fiatAmount, row!.fiatCurrency],
      ["in_progress", "USDC", "base", EVM, "20.00", "USD"],
    );
    assert.deepEqual([row!.cryptoAmount, row!.paymentLinkUrl], ["19.91", link.url]);
  });
});
