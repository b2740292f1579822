import type { CoinbaseTransaction } from "@/lib/cdp/transactions-api";
import type { RampTransactionRow } from "@/lib/db/schema";
import { amountOfAsset } from "./asset-amount";
import { sumFees } from "./sum-fees";

/** When Coinbase says the transaction (or order) began; `now` when it says nothing readable. */
export function reportedStart(report: { createdAt: string }, now: Date): Date {
  const at = Date.parse(report.createdAt);
  return Number.isNaN(at) ? now : new Date(at);
}

/** What Coinbase says of a transaction, as ledger columns; absent figures leave ours alone. */
export function reportedFields(report: CoinbaseTransaction) {
  const fee = sumFees(report.fees);
  return {
    status: report.status,
    cryptoAmount: amountOfAsset(report.crypto, report.asset),
    fiatAmount: report.fiat?.value,
    fiatCurrency: report.fiat?.currency,
    feeAmount: fee?.value,
    feeCurrency: fee?.currency,
    depositAddress: report.toAddress,
    txHash: report.txHash,
    failureReason: report.failureReason,
  };
}

/**
 * What Coinbase's first report on a `started` row writes. Its figures replace the ones the
 * row was started with (what our form asked for), absent ones too: the user may have changed
 * the amount on Coinbase's page, and a sale's deposit must ask for what Coinbase expects.
 */
export function attachedFields(report: CoinbaseTransaction) {
  const fields = reportedFields(report);
  const madeAt = Date.parse(report.createdAt);
  return {
    ...fields,
    cryptoAmount: fields.cryptoAmount ?? null,
    fiatAmount: fields.fiatAmount ?? null,
    fiatCurrency: fields.fiatCurrency ?? null,
    // When the user confirmed it on Coinbase's page: a sale's deposit window runs from then.
    coinbaseCreatedAt: Number.isNaN(madeAt) ? undefined : new Date(madeAt),
  };
}

/** Whether writing `fields` would change `row` (most polls and repeats: no, so no write). */
export function wouldChange(row: RampTransactionRow, fields: ReturnType<typeof reportedFields>) {
  return Object.entries(fields).some(
    ([key, value]) => value !== undefined && row[key as keyof typeof fields] !== value,
  );
}
