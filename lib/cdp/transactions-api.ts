import "server-only";
import { z } from "zod";
import {
  EXPIRED_REASON,
  knownHash,
  normaliseStatus,
  type RampTransaction,
} from "@/lib/ramp/transactions";
import type { Money as MoneyValue } from "@/lib/ramp/quote-schema";
import { cdpCall } from "./client";

const Money = z.object({ value: z.coerce.string(), currency: z.string() });
const Raw = z.object({
  status: z.string(),
  transaction_id: z.string(),
  created_at: z.string().default(""),
  tx_hash: z.string().optional(),
  failure_reason: z.string().optional(),
  coinbase_fee: Money.optional(),
  // buy
  purchase_currency: z.string().optional(),
  purchase_network: z.string().optional(),
  purchase_amount: Money.optional(),
  payment_total: Money.optional(),
  network_fee: Money.optional(),
  wallet_address: z.string().optional(),
  // sell
  asset: z.string().optional(),
  network: z.string().optional(),
  sell_amount: Money.optional(),
  total: Money.optional(),
  from_address: z.string().optional(),
  to_address: z.string().optional(),
});
// Coinbase's page: `{transactions, next_page_key, total_count}`, snake_case and unwrapped like
// every v1 answer (SPEC §3). No default for a missing list: a body without one is not a page
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
): Promise<CoinbaseTransaction[]> {
  const page = await cdpCall(
    Page,
    "GET",
    `/onramp/v1/${side}/user/${encodeURIComponent(partnerUserRef)}/transactions?page_size=10`,
  );
  return page.transactions.map((t) => toCoinbaseTransaction(side, t));
}

/** One transaction of that list, normalised. */
export function toCoinbaseTransaction(
  side: "buy" | "sell",
  t: z.output<typeof Raw>,
): CoinbaseTransaction {
  const txHash = knownHash(t.tx_hash);
  return {
    id: t.transaction_id,
    side,
    status: normaliseStatus(t.status, side, txHash),
    asset: (side === "buy" ? t.purchase_currency : t.asset) ?? "",
    network: (side === "buy" ? t.purchase_network : t.network) ?? "",
    crypto: side === "buy" ? t.purchase_amount : t.sell_amount,
    fiat: side === "buy" ? t.payment_total : t.total,
    fees: [t.coinbase_fee, t.network_fee].filter((f): f is MoneyValue => f !== undefined),
    address: (side === "buy" ? t.wallet_address : t.from_address) || undefined,
    toAddress: side === "sell" ? t.to_address || undefined : undefined,
    txHash,
    createdAt: t.created_at,
    failureReason: /_EXPIRED$/.test(t.status) ? EXPIRED_REASON : t.failure_reason,
  };
}
