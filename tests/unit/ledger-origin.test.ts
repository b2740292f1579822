import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { CoinbaseTransaction } from "../../lib/cdp/transactions-api";
import { rampTransaction } from "../../lib/db/schema";
import { listLedger } from "../../lib/ledger/list-ledger";
import { reconcileLedger } from "../../lib/ledger/reconcile";
import type { StartedRamp } from "../../lib/ledger/record-started";
import { applyReport } from "../../lib/webhooks/apply-event";
import { toReport } from "../../lib/webhooks/to-report";
import { captureOutput } from "../support/capture-output";
import {
  EVM,
  at,
  rowOf as rowIn,
  startedAt as startedAtIn,
  memoryDatabaseForFile,
} from "../support/ledger-rows";

/**
 * Which `started` row a Coinbase transaction is attached to (lib/ledger/find-origin.ts), by
 * both paths that attach one: the poll (reconcileLedger) and the webhooks (applyReport).
 * The partnerUserId Coinbase files a transaction under is a pay URL parameter anyone can
 * edit; the wallet is in the session token we minted, which nobody can.
 */

// EVM is user-1's wallet in lower case; Coinbase writes it checksummed (EIP-55).
const EVM_CHECKSUMMED = "0x52908400098527886E0F7030069857D2E4169EE7";
const OTHER_EVM = `0x${"ab".repeat(20)}`;
const SOLANA = "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV";

const db = memoryDatabaseForFile(rampTransaction);

const startedAt = (seconds: number, overrides: Partial<StartedRamp> = {}) =>
  startedAtIn(db(), seconds, overrides);
const rowOf = (id: string) => rowIn(db(), id);

/** A poll's report: user-1's buy of 50 USD of USDC on Base, paid into `address`. */
function polled(overrides: Partial<CoinbaseTransaction> = {}): CoinbaseTransaction {
  return {
    id: "cb-1",
    side: "buy",
    status: "success",
    asset: "USDC",
    network: "base",
    crypto: { value: "49.1", currency: "USDC" },
    fiat: { value: "50.00", currency: "USD" },
    fees: [],
    address: EVM_CHECKSUMMED,
    txHash: "0xabc",
    createdAt: at(60).toISOString(),
    ...overrides,
  };
}

const poll = (reports: CoinbaseTransaction[], side: "buy" | "sell" = "buy") =>
  reconcileLedger(side, "user-1", reports, db(), at(120));

/** A webhook event, as Coinbase's hosted onramp sends it, read and applied. */
async function hook(overrides: Record<string, unknown> = {}) {
  const reading = toReport("onramp.transaction.success", {
    transactionId: "cb-1",
    status: "ONRAMP_TRANSACTION_STATUS_SUCCESS",
    purchaseCurrency: "USDC",
    purchaseNetwork: "base",
    purchaseAmount: { value: "49.1", currency: "USDC" },
    paymentTotal: { value: "50.00", currency: "USD" },
    walletAddress: EVM_CHECKSUMMED,
    txHash: "0xabc",
    partnerUserRef: "user-1",
    createdAt: at(60).toISOString(),
    completedAt: at(63).toISOString(),
    ...overrides,
  });
  assert.ok("report" in reading, JSON.stringify(reading));
  return applyReport(db(), reading.report, at(120));
}

const untouched = async (id: string) => {
  const row = await rowOf(id);
  assert.deepEqual(
    [row.status, row.coinbaseTransactionId, row.fiatAmount, row.txHash],
    ["started", null, "50", null],
    "the started row is as it was minted",
  );
};

const logLines = (output: string, event: string) =>
  output
    .split("\n")
    .filter((line) => line.includes(`"event":"${event}"`))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe("a purchase into another wallet, filed under this user (an edited partnerUserId)", () => {
  test("the poll leaves the user's started row alone, and their history: logged without addresses", async () => {
    const mine = await startedAt(0);
    const output = await captureOutput(() => poll([polled({ address: OTHER_EVM })]));
    await untouched(mine);
    // A wallet the user never minted for: someone else's purchase, not listed as theirs.
    const rows = await listLedger("user-1", {}, db());
    assert.deepEqual(
      rows.map((r) => [r.coinbaseTransactionId, r.status, r.address]),
      [[null, "started", EVM]],
    );
    const [line, ...more] = logLines(output, "ledger_report_unmatched");
    assert.deepEqual(more, []);
    assert.deepEqual(
      [line?.level, line?.reason, line?.coinbaseId, line?.kept],
      ["warn", "address_mismatch", "cb-1", false],
    );
    assert.ok(!output.toLowerCase().includes(OTHER_EVM) && !output.includes(EVM));
  });

  test("a second payment into the user's own wallet, with no row left to take it, is listed as a row of its own", async () => {
    const mine = await startedAt(0);
    await poll([polled({ id: "cb-1" }), polled({ id: "cb-2", createdAt: at(90).toISOString() })]);
    const rows = await listLedger("user-1", {}, db());
    assert.deepEqual(rows.map((r) => r.coinbaseTransactionId).sort(), ["cb-1", "cb-2"]);
    assert.equal((await rowOf(mine)).coinbaseTransactionId, "cb-2", "the newest takes the row");
  });

  test("a webhook leaves it alone too: the event stays unmatched, saying why", async () => {
    const mine = await startedAt(0);
    assert.deepEqual(await hook({ walletAddress: OTHER_EVM }), {
      outcome: "unmatched",
      reason: "address_mismatch",
    });
    await untouched(mine);
    assert.equal((await listLedger("user-1", {}, db())).length, 1, "no row invented");
  });

  test("a sale from another wallet neither takes the user's started sale, nor its deposit", async () => {
    const sale = { side: "sell" as const, fiatAmount: undefined, cryptoAmount: "20" };
    const mine = await startedAt(0, sale);
    const offramp = toReport("offramp.transaction.updated", {
      transactionId: "sell-1",
      status: "TRANSACTION_STATUS_STARTED",
      asset: "USDC",
      network: "base",
      sellAmount: { value: "20", currency: "USDC" },
      fromAddress: OTHER_EVM,
      toAddress: "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913",
      partnerUserRef: "user-1",
      createdAt: at(60).toISOString(),
    });
    assert.ok("report" in offramp);
    assert.equal((await applyReport(db(), offramp.report, at(120))).outcome, "unmatched");
    await poll([{ ...offramp.report, id: "sell-1" }], "sell");
    const row = await rowOf(mine);
    assert.deepEqual(
      [row.status, row.coinbaseTransactionId, row.depositAddress, row.cryptoAmount],
      ["started", null, null, "20"],
    );
  });

  test("a stranger's sale from the user's own wallet (public) takes no sale they left over an hour before, and is never listed", async () => {
    const sale = { side: "sell" as const, fiatAmount: undefined, cryptoAmount: "20" };
    const offramp = (id: string, seconds: number) => {
      const reading = toReport("offramp.transaction.updated", {
        transactionId: id,
        status: "TRANSACTION_STATUS_STARTED",
        asset: "USDC",
        network: "base",
        sellAmount: { value: "20", currency: "USDC" },
        fromAddress: EVM_CHECKSUMMED,
        toAddress: "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913",
        partnerUserRef: "user-1",
        createdAt: at(seconds).toISOString(),
      });
      assert.ok("report" in reading);
      return reading.report;
    };
    const abandoned = await startedAt(0, sale);
    // Made two hours after the user's start: not on the page it opened.
    const strangers = offramp("sell-stranger", 2 * 3600);
    assert.equal((await applyReport(db(), strangers, at(2 * 3600))).outcome, "unmatched");
    await reconcileLedger("sell", "user-1", [strangers], db(), at(2 * 3600));
    const row = await rowOf(abandoned);
    assert.deepEqual([row.coinbaseTransactionId, row.depositAddress], [null, null]);
    assert.deepEqual(
      (await listLedger("user-1", {}, db())).map((r) => r.coinbaseTransactionId),
      [null],
      "no row of its own either",
    );
    // The user's own sale, made on the page their start opened, still takes its row.
    const mine = await startedAt(3 * 3600, sale);
    assert.equal(
      (await applyReport(db(), offramp("sell-mine", 3 * 3600 + 600), at(3 * 3600 + 660))).outcome,
      "applied",
    );
    assert.equal((await rowOf(mine)).coinbaseTransactionId, "sell-mine");
  });

  test("a report that names no wallet proves nothing, and takes no started row either", async () => {
    const mine = await startedAt(0);
    assert.deepEqual(await hook({ walletAddress: undefined }), {
      outcome: "unmatched",
      reason: "no_address",
    });
    await poll([polled({ address: undefined })]);
    await untouched(mine);
  });
});

describe("a guest order in Coinbase's list of the user's transactions", () => {
  const guestOrder = (orderId: string, address: string) =>
    db()
      .insert(rampTransaction)
      .values({
        partnerUserRef: "user-1",
        side: "buy",
        status: "success",
        asset: "USDC",
        network: "base",
        address,
        fiatAmount: "50",
        coinbaseOrderId: orderId,
        createdAt: at(30),
      });

  test("is its own row's: it takes no hosted start left for that wallet, and adds no second row", async () => {
    const abandoned = await startedAt(0);
    await guestOrder("order-1", EVM);
    await poll([polled({ id: "order-1" })]);
    await untouched(abandoned);
    const rows = await listLedger("user-1", {}, db());
    const ids = rows.map((r) => [r.coinbaseOrderId, r.coinbaseTransactionId]);
    assert.equal(ids.length, 2, "the guest order and the start, no third row");
    assert.deepEqual(
      ids.find(([order]) => order),
      ["order-1", null],
    );
  });

  test("a guest order's wallet is not one a session token was minted for: a stray report into it is not listed", async () => {
    await guestOrder("order-2", OTHER_EVM);
    await poll([polled({ id: "cb-unknown", address: OTHER_EVM })]);
    const rows = await listLedger("user-1", {}, db());
    assert.deepEqual(
      rows.map((r) => [r.coinbaseOrderId, r.coinbaseTransactionId]),
      [["order-2", null]],
    );
  });
});

describe("one user, two tabs", () => {
  test("two wallets: each payment goes to the row of its wallet, not to the newest", async () => {
    const first = await startedAt(0);
    const second = await startedAt(10, { address: OTHER_EVM });
    // Paid in the first tab: its wallet's row, though the second was started later.
    assert.equal((await hook({ createdAt: at(20).toISOString() })).outcome, "applied");
    assert.equal((await rowOf(first)).coinbaseTransactionId, "cb-1");
    assert.equal((await rowOf(second)).status, "started");
    // And the poll pairs them the same way, whatever order Coinbase lists them in.
    await db().delete(rampTransaction);
    const a = await startedAt(0);
    const b = await startedAt(10, { address: OTHER_EVM });
    await poll([
      polled({ id: "cb-b", address: OTHER_EVM, createdAt: at(30).toISOString() }),
      polled({ id: "cb-a", createdAt: at(40).toISOString() }),
    ]);
    assert.equal((await rowOf(a)).coinbaseTransactionId, "cb-a");
    assert.equal((await rowOf(b)).coinbaseTransactionId, "cb-b");
  });

  test("one wallet, two amounts: the payment goes to the tab whose amount was paid", async () => {
    const paid = await startedAt(0, { fiatAmount: "50" });
    const other = await startedAt(10, { fiatAmount: "75" });
    // "50" asked, "50.00" reported: one amount.
    assert.equal((await hook({ createdAt: at(20).toISOString() })).outcome, "applied");
    assert.equal((await rowOf(paid)).coinbaseTransactionId, "cb-1");
    assert.equal((await rowOf(other)).status, "started");

    // Asked in crypto, by the poll.
    await db().delete(rampTransaction);
    const crypto = { fiatAmount: undefined, fiatCurrency: undefined };
    const half = await startedAt(0, { ...crypto, cryptoAmount: "0.5", asset: "ETH" });
    const quarter = await startedAt(10, { ...crypto, cryptoAmount: "0.25", asset: "ETH" });
    await poll([
      polled({ asset: "ETH", crypto: { value: "0.50000000", currency: "ETH" }, fiat: undefined }),
    ]);
    assert.equal((await rowOf(half)).coinbaseTransactionId, "cb-1");
    assert.equal((await rowOf(quarter)).coinbaseTransactionId, null);

    // A figure in dollars is no amount of ETH: "0.25" USD does not pick the 0.25 ETH tab.
    await db().delete(rampTransaction);
    const asked = await startedAt(0, { ...crypto, cryptoAmount: "0.25", asset: "ETH" });
    const newest = await startedAt(10, { ...crypto, cryptoAmount: "0.5", asset: "ETH" });
    await poll([
      polled({ asset: "ETH", crypto: { value: "0.25", currency: "USD" }, fiat: undefined }),
    ]);
    assert.equal((await rowOf(newest)).coinbaseTransactionId, "cb-1");
    assert.equal((await rowOf(asked)).coinbaseTransactionId, null);

    // An amount changed on Coinbase's page matches neither: the newest row of the wallet.
    await db().delete(rampTransaction);
    const older = await startedAt(0, { fiatAmount: "60" });
    const newer = await startedAt(10, { fiatAmount: "75" });
    await poll([polled()]);
    assert.equal((await rowOf(newer)).coinbaseTransactionId, "cb-1");
    assert.equal((await rowOf(older)).coinbaseTransactionId, null);
  });
});

describe("a start left unpaid long ago", () => {
  const DAY = 24 * 60 * 60;

  test("today's payment goes to today's start, even when its amount is the old one's", async () => {
    await db().delete(rampTransaction);
    // A month ago: 50 USD asked, then the user left Coinbase's page. Today: 100 asked, and 50
    // paid (changed on Coinbase's page).
    const old = await startedAt(-30 * DAY, { fiatAmount: "50" });
    const today = await startedAt(0, { fiatAmount: "100" });
    assert.equal((await hook({ createdAt: at(20).toISOString() })).outcome, "applied");
    assert.equal((await rowOf(today)).coinbaseTransactionId, "cb-1");
    assert.equal((await rowOf(old)).status, "started");
  });

  test("Coinbase's clock a few seconds behind ours: today's start, not the old one", async () => {
    await db().delete(rampTransaction);
    const old = await startedAt(-30 * DAY, { fiatAmount: "50" });
    const today = await startedAt(10, { fiatAmount: "50" });
    await poll([polled({ createdAt: at(5).toISOString() })]);
    assert.equal((await rowOf(today)).coinbaseTransactionId, "cb-1");
    assert.equal((await rowOf(old)).coinbaseTransactionId, null);
  });

  test("with no start of the hour before, an older one still takes it (a purchase)", async () => {
    await db().delete(rampTransaction);
    const old = await startedAt(-2 * DAY, { fiatAmount: "50" });
    await poll([polled()]);
    assert.equal((await rowOf(old)).coinbaseTransactionId, "cb-1");
  });
});

describe("two sales asked in money from one wallet", () => {
  test("the sale goes to the tab whose worth was sold: Coinbase's total is after its fee", async () => {
    await db().delete(rampTransaction);
    const sale = { side: "sell" as const, asset: "ETH", fiatAmount: "30", fiatCurrency: "USD" };
    const sold = await startedAt(0, sale);
    const other = await startedAt(10, { ...sale, fiatAmount: "40" });
    const offramp = toReport("offramp.transaction.updated", {
      transactionId: "sell-30",
      status: "TRANSACTION_STATUS_STARTED",
      asset: "ETH",
      network: "base",
      sellAmount: { value: "0.00857142", currency: "ETH" },
      total: { value: "29.7", currency: "USD" },
      coinbaseFee: { value: "0.30", currency: "USD" },
      fromAddress: EVM_CHECKSUMMED,
      toAddress: "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913",
      partnerUserRef: "user-1",
      createdAt: at(20).toISOString(),
    });
    assert.ok("report" in offramp);
    assert.equal((await applyReport(db(), offramp.report, at(30))).outcome, "applied");
    assert.equal((await rowOf(sold)).coinbaseTransactionId, "sell-30");
    assert.equal((await rowOf(other)).coinbaseTransactionId, null);
  });
});

describe("comparing wallets", () => {
  test("EVM addresses match whatever their case; any other address only exactly", async () => {
    const evm = await startedAt(0); // lower case; Coinbase reports it checksummed
    assert.equal((await hook()).outcome, "applied");
    assert.equal((await rowOf(evm)).coinbaseTransactionId, "cb-1");

    const onSolana = { asset: "SOL", network: "solana", address: SOLANA };
    const solana = await startedAt(0, onSolana);
    const sol = { asset: "SOL", network: "solana", crypto: undefined, fiat: undefined };
    await poll([polled({ ...sol, id: "cb-lower", address: SOLANA.toLowerCase() })]);
    assert.equal((await rowOf(solana)).coinbaseTransactionId, null, "base58 is case-sensitive");
    await poll([polled({ ...sol, id: "cb-exact", address: SOLANA })]);
    assert.equal((await rowOf(solana)).coinbaseTransactionId, "cb-exact");
  });
});
