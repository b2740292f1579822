import "server-only";
import { getDatabase, type Database } from "@/lib/db/client";
import { rampTransaction } from "@/lib/db/schema";
import type { Side } from "@/lib/ramp/options";

/** What a mint asked for: the ledger row's first state, before Coinbase knows of it. */
export interface StartedRamp {
  side: Side;
  partnerUserRef: string;
  asset: string;
  network: string;
  address: string;
  fiatAmount?: string;
  fiatCurrency?: string;
  cryptoAmount?: string;
}

/** Writes a `started` row for a URL just minted; returns its id (the ledger's, not Coinbase's). */
export async function recordStarted(
  ramp: StartedRamp,
  db: Database = getDatabase().db,
): Promise<string> {
  const [row] = await db
    .insert(rampTransaction)
    .values({
      status: "started",
      side: ramp.side,
      partnerUserRef: ramp.partnerUserRef,
      asset: ramp.asset,
      network: ramp.network,
      address: ramp.address,
      fiatAmount: ramp.fiatAmount ?? null,
      fiatCurrency: ramp.fiatCurrency ?? null,
      cryptoAmount: ramp.cryptoAmount ?? null,
    })
    .returning({ id: rampTransaction.id });
  return row!.id;
}
