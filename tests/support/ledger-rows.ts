import { eq } from "drizzle-orm";
import type { Database } from "../../lib/db/client";
import { rampTransaction } from "../../lib/db/schema";
import { findLedgerRow } from "../../lib/ledger/list-ledger";
import { recordStarted, type StartedRamp } from "../../lib/ledger/record-started";

/** Ledger rows for the unit tests of the ledger and of webhooks, placed at known times. */
export const EVM = "0x52908400098527886e0f7030069857d2e4169ee7";
export const T0 = Date.parse("2026-01-01T12:00:00Z");
export const at = (seconds: number) => new Date(T0 + seconds * 1000);

/** A buy of 50 USD of USDC on Base for user-1, as minting records it. */
export function started(overrides: Partial<StartedRamp> = {}): StartedRamp {
  return {
    side: "buy",
    partnerUserRef: "user-1",
    asset: "USDC",
    network: "base",
    address: EVM,
    fiatAmount: "50",
    fiatCurrency: "USD",
    ...overrides,
  };
}

/** Records a started row `seconds` after T0 (the ledger stamps `now()`; tests place rows in time). */
export async function startedAt(
  db: Database,
  seconds: number,
  overrides: Partial<StartedRamp> = {},
): Promise<string> {
  const id = await recordStarted(started(overrides), db);
  await db
    .update(rampTransaction)
    .set({ createdAt: at(seconds) })
    .where(eq(rampTransaction.id, id));
  return id;
}

export const rowOf = async (db: Database, id: string) => (await findLedgerRow(id, db))!;
