import "server-only";
import { z } from "zod";
import { normaliseStatus, type RampTransaction } from "@/lib/ramp/transactions";
import { cdpCall } from "./client";

const Money = z.object({ value: z.coerce.string(), currency: z.string() });
const Raw = z.object({
  status: z.string(),
  transaction_id: z.string(),
  created_at: z.string().default(""),
  tx_hash: z.string().optional(),
  failure_reason: z.string().optional(),
  // buy
  purchase_currency: z.string().optional(),
  purchase_network: z.string().optional(),
  purchase_amount: Money.optional(),
  payment_total: Money.optional(),
  // sell
  asset: z.string().optional(),
  network: z.string().optional(),
  sell_amount: Money.optional(),
  total: Money.optional(),
  to_address: z.string().optional(),
});
const Page = z.object({ transactions: z.array(Raw).default([]) });

/** GET /onramp/v1/{buy|sell}/user/{ref}/transactions, newest first, normalised. */
export async function fetchTransactions(
  side: "buy" | "sell",
  partnerUserRef: string,
): Promise<RampTransaction[]> {
  const page = await cdpCall(
    Page,
    "GET",
    `/onramp/v1/${side}/user/${encodeURIComponent(partnerUserRef)}/transactions?page_size=10`,
  );
  return page.transactions.map((t) => ({
    id: t.transaction_id,
    side,
    status: normaliseStatus(t.status, side, t.tx_hash),
    asset: (side === "buy" ? t.purchase_currency : t.asset) ?? "",
    network: (side === "buy" ? t.purchase_network : t.network) ?? "",
    crypto: side === "buy" ? t.purchase_amount : t.sell_amount,
    fiat: side === "buy" ? t.payment_total : t.total,
    toAddress: side === "sell" ? t.to_address : undefined,
    txHash: t.tx_hash || undefined,
    createdAt: t.created_at,
    failureReason: t.failure_reason,
  }));
}
