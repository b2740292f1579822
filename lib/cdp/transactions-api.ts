import "server-only";
import { z } from "zod";
import {
  EXPIRED_REASON,
  knownHash,
  normaliseStatus,
  paidInGuestOrder,
  type RampTransaction,
} from "@/lib/ramp/transactions";
import type { Money as MoneyValue } from "@/lib/ramp/quote-schema";
import { maybe } from "@/lib/http/maybe-field";
import { cdpCall, type OwnCdpClient } from "./client";

const Money = z.object({ value: z.coerce.string(), currency: z.string() });
// Every field but the two that make a transaction one may come null (maybe-field.ts): one
// failed purchase with no network fee must not make the user's whole list unreadable.
const text = maybe(z.string());
const money = maybe(Money);
const Raw = z.object({
  status: z.string(),
  transaction_id: z.string(),
  created_at: text.transform((value) => value ?? ""),
  tx_hash: text,
  failure_reason: text,
  coinbase_fee: money,
  // buy
  purchase_currency: text,
  purchase_network: text,
  purchase_amount: money,
  payment_total: money,
  network_fee: money,
  wallet_address: text,
  payment_method: text,
  // sell
  asset: text,
  network: text,
  sell_amount: money,
  total: money,
  from_address: text,
  to_address: text,
});
type RawTransaction = z.output<typeof Raw>;

// Coinbase's page: `{transactions, next_page_key, total_count}`, snake_case and unwrapped like
// every v1 answer (Onramp docs). No default for a missing list: a body without one is not a page
// (an envelope, a renamed field) and must fail loudly, not read as "no transactions".
const Page = z.object({ transactions: z.array(Raw) });

/** A transaction as Coinbase reports it: `id` is Coinbase's; fees and the user's wallet besides. */
export interface CoinbaseTransaction extends RampTransaction {
  fees: MoneyValue[];
  address?: string;
}

/** GET /onramp/v1/{buy|sell}/user/{ref}/transactions: the newest ten, normalised. */
export async function fetchTransactions(
  side: "buy" | "sell",
  partnerUserRef: string,
  client?: OwnCdpClient,
): Promise<CoinbaseTransaction[]> {
  const page = await cdpCall(
    Page,
    "GET",
    `/onramp/v1/${side}/user/${encodeURIComponent(partnerUserRef)}/transactions?page_size=10`,
    undefined,
    client,
  );
  return page.transactions
    .filter((t) => !paidInGuestOrder(t.payment_method))
    .map((t) => toCoinbaseTransaction(side, t));
}

/** One transaction of that list, normalised. */
export function toCoinbaseTransaction(
  side: "buy" | "sell",
  t: Partial<RawTransaction> & Pick<RawTransaction, "status" | "transaction_id" | "created_at">,
): CoinbaseTransaction {
  const txHash = knownHash(t.tx_hash);
  const toAddress = side === "sell" ? t.to_address || undefined : undefined;
  return {
    id: t.transaction_id,
    side,
    status: normaliseStatus(t.status, side, txHash, toAddress),
    asset: (side === "buy" ? t.purchase_currency : t.asset) ?? "",
    network: networkId((side === "buy" ? t.purchase_network : t.network) ?? ""),
    crypto: side === "buy" ? t.purchase_amount : t.sell_amount,
    fiat: side === "buy" ? t.payment_total : t.total,
    fees: [t.coinbase_fee, t.network_fee].filter((f): f is MoneyValue => f !== undefined),
    address: (side === "buy" ? t.wallet_address : t.from_address) || undefined,
    toAddress,
    txHash,
    createdAt: t.created_at,
    failureReason: /_EXPIRED$/.test(t.status) ? EXPIRED_REASON : reasonGiven(t.failure_reason),
  };
}

/**
 * A network as the app names it ("base"): Coinbase's own sample apps read the sell list's as a
 * resource name ("network/base-mainnet"). Either way, a start's network must match it.
 */
const networkId = (network: string) => network.replace(/^networks?\//, "").replace(/-mainnet$/, "");

/**
 * A failure's reason, when Coinbase gives one: an empty one or its protojson zero value is
 * none. A final row takes a reason only while it has none, so a placeholder kept here would
 * stop a later one (a sale's EXPIRED, by webhook) from ever being written.
 */
const reasonGiven = (reason?: string) =>
  reason && !/^FAILURE_REASON_UNSPECIFIED$/.test(reason) ? reason : undefined;
