import type { RampTransactionRow } from "@/lib/db/schema";
import type { RampTransaction } from "@/lib/ramp/transactions";

/** A ledger row in the shape the completion pages and `/api/transactions` have always used. */
export function toRampTransaction(row: RampTransactionRow): RampTransaction {
  const money = (value: string | null, currency: string | null) =>
    value && currency ? { value, currency } : undefined;
  return {
    id: row.id,
    coinbaseId: row.coinbaseTransactionId ?? row.coinbaseOrderId ?? undefined,
    guestOrderId: row.coinbaseOrderId ?? undefined,
    side: row.side,
    status: row.status,
    asset: row.asset,
    network: row.network,
    crypto: money(row.cryptoAmount, row.asset),
    fiat: money(row.fiatAmount, row.fiatCurrency),
    fee: money(row.feeAmount, row.feeCurrency),
    toAddress: row.depositAddress ?? undefined,
    txHash: row.txHash ?? undefined,
    createdAt: row.createdAt.toISOString(),
    madeAt: row.coinbaseCreatedAt?.toISOString(),
    failureReason: row.failureReason ?? undefined,
    replacedBy: row.replacedBy ?? undefined,
  };
}
