import "server-only";
import { randomUUID } from "node:crypto";
import { getConfig } from "@/lib/config/env";
import { processSingleton } from "@/lib/process/singleton";
import { announceBuy, announceSell, later } from "../webhooks/transaction-events";
import { fakeTxHash, newDepositAddress } from "./chain-fakes";
import { reportedAddress } from "./reported-address";
import type { Money } from "./pricing";

/**
 * The sandbox's ramp transactions, created by the pay pages and read through the
 * transaction status APIs. Status is computed from timestamps when read, so nothing
 * has to run in the background: a buy settles 3 s after it is completed, a sell 2 s
 * after its deposit is seen, and a sell whose crypto has not come by its deadline
 * (config `SANDBOX_SALE_DEADLINE_SECONDS`) expires. Each change is also announced as a
 * webhook, a timer marking the settling or expiring moment for that alone.
 */
export const BUY_SETTLE_MS = 3000;
export const DEPOSIT_SETTLE_MS = 2000;
const MAX_KEPT = 10_000;

export type TransactionStatus =
  | "ONRAMP_TRANSACTION_STATUS_CREATED"
  | "ONRAMP_TRANSACTION_STATUS_IN_PROGRESS"
  | "ONRAMP_TRANSACTION_STATUS_SUCCESS"
  // The v1 list in the Onramp docs stops at FAILED: an expired sale is FAILED here, and only the
  // offramp webhook's own status (webhook docs) says EXPIRED.
  | "ONRAMP_TRANSACTION_STATUS_FAILED";

export interface NewBuy {
  partnerUserRef: string;
  asset: string;
  network: string;
  purchaseAmount: Money;
  paymentTotal: Money;
  coinbaseFee: Money;
  networkFee: Money;
  paymentMethod: string;
  walletAddress: string;
  failureReason?: string;
}

export interface NewSell {
  partnerUserRef: string;
  asset: string;
  network: string;
  sellAmount: Money;
  total: Money;
  coinbaseFee: Money;
  cashoutMethod: string;
  fromAddress: string;
  failureReason?: string;
}

type BuyRecord = NewBuy & {
  kind: "buy";
  id: string;
  seq: number;
  createdAt: number;
  txHash: string;
};
type SellRecord = NewSell & {
  kind: "sell";
  id: string;
  seq: number;
  createdAt: number;
  toAddress: string;
  deposit?: { at: number; txHash: string };
  /** When it expires if the crypto has not come; moved to now by "Let it expire now". */
  expiresAt: number;
  expiryAnnounced?: boolean;
};
type TransactionRecord = BuyRecord | SellRecord;

const store = processSingleton("sandbox.cdp-transactions", () => ({
  seq: 0,
  records: new Map<string, TransactionRecord>(),
}));

function keep(record: TransactionRecord) {
  store.records.set(record.id, record);
  if (store.records.size > MAX_KEPT) {
    const oldest = store.records.keys().next().value;
    if (oldest !== undefined) store.records.delete(oldest);
  }
}

/** A completed (or, with `failureReason`, cancelled) buy. Returns its transaction id. */
export function recordBuy(input: NewBuy, now = Date.now()): string {
  const record: BuyRecord = {
    ...input,
    walletAddress: reportedAddress(input.walletAddress),
    kind: "buy",
    id: randomUUID(),
    seq: ++store.seq,
    createdAt: now,
    txHash: fakeTxHash(input.network),
  };
  keep(record);
  announceBuy("created", buyView(record, now));
  if (record.failureReason) announceBuy("failed", buyView(record, now));
  else {
    const settledAt = record.createdAt + BUY_SETTLE_MS;
    later(BUY_SETTLE_MS, () => announceBuy("success", buyView(record, settledAt)));
  }
  return record.id;
}

/** A confirmed sell, now waiting for the user's crypto at a fresh deposit address. */
export function recordSell(input: NewSell, now = Date.now()): string {
  const record: SellRecord = {
    ...input,
    fromAddress: reportedAddress(input.fromAddress),
    kind: "sell",
    id: randomUUID(),
    seq: ++store.seq,
    createdAt: now,
    toAddress: input.failureReason ? "" : newDepositAddress(input.network),
    expiresAt: now + getConfig().ramp.sandboxSaleDeadlineSeconds * 1000,
  };
  keep(record);
  announceSell("created", sellView(record, now), now);
  if (record.failureReason) announceSell("failed", sellView(record, now), now);
  else {
    announceSell("updated", sellView(record, now), now); // started: waiting for the crypto
    later(record.expiresAt - now, () => announceExpiry(record));
  }
  return record.id;
}

/** The expiry's webhook, once, if the sale did expire (a deposit in time means it did not). */
function announceExpiry(record: SellRecord) {
  if (record.expiryAnnounced || !expired(record, record.expiresAt)) return;
  record.expiryAnnounced = true;
  announceSell("failed", sellView(record, record.expiresAt), record.expiresAt, "expired");
}

const expired = (r: SellRecord, now: number) =>
  !r.failureReason && !r.deposit && now >= r.expiresAt;

export type ExpireResult =
  { ok: true } | { ok: false; reason: "unknown" | "not-a-sell" | "not-in-progress" };

/** The sandbox's "Let it expire now": the deadline of a sale still waiting for its crypto is now. */
export function expireSell(id: string, now = Date.now()): ExpireResult {
  const record = store.records.get(id);
  if (!record) return { ok: false, reason: "unknown" };
  if (record.kind !== "sell") return { ok: false, reason: "not-a-sell" };
  if (record.failureReason || record.deposit) return { ok: false, reason: "not-in-progress" };
  if (now < record.expiresAt) record.expiresAt = now;
  announceExpiry(record);
  return { ok: true };
}

export type DepositResult =
  { ok: true } | { ok: false; reason: "unknown" | "not-a-sell" | "not-in-progress" | "expired" };

/** The user's crypto "arrives": the sell gets a tx hash now and succeeds 2 s later. Repeating it changes nothing. */
export function simulateDeposit(id: string, now = Date.now()): DepositResult {
  const record = store.records.get(id);
  if (!record) return { ok: false, reason: "unknown" };
  if (record.kind !== "sell") return { ok: false, reason: "not-a-sell" };
  if (record.failureReason) return { ok: false, reason: "not-in-progress" };
  if (record.deposit) return { ok: true };
  // Coinbase has closed the sale and its address: crypto sent now would not sell.
  if (expired(record, now)) {
    announceExpiry(record);
    return { ok: false, reason: "expired" };
  }
  const deposit = { at: now, txHash: fakeTxHash(record.network) };
  record.deposit = deposit;
  announceSell("updated", sellView(record, now), now);
  const settledAt = deposit.at + DEPOSIT_SETTLE_MS;
  later(DEPOSIT_SETTLE_MS, () => announceSell("success", sellView(record, settledAt), settledAt));
  return { ok: true };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Failed, else success once the settling moment has passed, else in progress. */
function statusAt(failed: boolean, settlesAt: number | undefined, now: number): TransactionStatus {
  if (failed) return "ONRAMP_TRANSACTION_STATUS_FAILED";
  return settlesAt !== undefined && now >= settlesAt
    ? "ONRAMP_TRANSACTION_STATUS_SUCCESS"
    : "ONRAMP_TRANSACTION_STATUS_IN_PROGRESS";
}

function buyView(r: BuyRecord, now: number) {
  const status = statusAt(Boolean(r.failureReason), r.createdAt + BUY_SETTLE_MS, now);
  return {
    status,
    transaction_id: r.id,
    partner_user_ref: r.partnerUserRef,
    purchase_currency: r.asset,
    purchase_network: r.network,
    purchase_amount: r.purchaseAmount,
    payment_total: r.paymentTotal,
    coinbase_fee: r.coinbaseFee,
    network_fee: r.networkFee,
    payment_method: r.paymentMethod,
    wallet_address: r.walletAddress,
    tx_hash: status === "ONRAMP_TRANSACTION_STATUS_SUCCESS" ? r.txHash : "",
    created_at: iso(r.createdAt),
    ...(status === "ONRAMP_TRANSACTION_STATUS_SUCCESS"
      ? { completed_at: iso(r.createdAt + BUY_SETTLE_MS) }
      : {}),
    ...(r.failureReason ? { failure_reason: r.failureReason } : {}),
  };
}

function sellView(r: SellRecord, now: number) {
  const settlesAt = r.deposit && r.deposit.at + DEPOSIT_SETTLE_MS;
  const status = statusAt(Boolean(r.failureReason) || expired(r, now), settlesAt, now);
  return {
    status,
    transaction_id: r.id,
    partner_user_ref: r.partnerUserRef,
    asset: r.asset,
    network: r.network,
    sell_amount: r.sellAmount,
    total: r.total,
    coinbase_fee: r.coinbaseFee,
    cashout_method: r.cashoutMethod,
    from_address: r.fromAddress,
    to_address: r.toAddress,
    tx_hash: r.deposit?.txHash ?? "",
    created_at: iso(r.createdAt),
    ...(status === "ONRAMP_TRANSACTION_STATUS_SUCCESS" ? { completed_at: iso(settlesAt!) } : {}),
    ...(r.failureReason ? { failure_reason: r.failureReason } : {}),
  };
}

export type BuyTransaction = ReturnType<typeof buyView>;
export type SellTransaction = ReturnType<typeof sellView>;
export type TransactionKind = "buy" | "sell";

export function findSellTransaction(id: string, now = Date.now()): SellTransaction | undefined {
  const record = store.records.get(id);
  return record?.kind === "sell" ? sellView(record, now) : undefined;
}

/** Whether the sale closed because its crypto did not come (the v1 API says only FAILED). */
export function sellExpired(id: string, now = Date.now()): boolean {
  const record = store.records.get(id);
  return record?.kind === "sell" && expired(record, now);
}

/** Whether a transaction id exists at all, whatever its kind. */
export function transactionExists(id: string): boolean {
  return store.records.has(id);
}

function newestFirst<T extends TransactionRecord>(records: T[]): T[] {
  return records.sort((a, b) => b.createdAt - a.createdAt || b.seq - a.seq);
}

export function listBuyTransactions(partnerUserRef: string, now = Date.now()): BuyTransaction[] {
  const mine = [...store.records.values()].filter(
    (r): r is BuyRecord => r.kind === "buy" && r.partnerUserRef === partnerUserRef,
  );
  return newestFirst(mine).map((r) => buyView(r, now));
}

export function listSellTransactions(partnerUserRef: string, now = Date.now()): SellTransaction[] {
  const mine = [...store.records.values()].filter(
    (r): r is SellRecord => r.kind === "sell" && r.partnerUserRef === partnerUserRef,
  );
  return newestFirst(mine).map((r) => sellView(r, now));
}
