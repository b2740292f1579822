import "server-only";
import { driverOf, getDatabase, type Database } from "@/lib/db/client";
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

/**
 * Writes a `started` row for a URL just minted; returns its id (the ledger's, not Coinbase's).
 *
 * Every mint waits on this insert, so it goes to the driver as one parameterized statement:
 * building it with Drizzle, and Drizzle's per-query result parsers on PGlite, cost more than
 * the insert itself. The columns are those of `rampTransaction` (lib/db/schema.ts).
 */
export async function recordStarted(
  ramp: StartedRamp,
  db: Database = getDatabase().db,
): Promise<string> {
  const { rows } = await driverOf(db).query<{ id: string }>(
    `insert into ramp_transaction
       (status, side, partner_user_ref, asset, network, address, fiat_amount, fiat_currency, crypto_amount)
     values ('started', $1, $2, $3, $4, $5, $6, $7, $8)
     returning id`,
    [
      ramp.side,
      ramp.partnerUserRef,
      ramp.asset,
      ramp.network,
      ramp.address,
      ramp.fiatAmount ?? null,
      ramp.fiatCurrency ?? null,
      ramp.cryptoAmount ?? null,
    ],
  );
  return rows[0]!.id;
}
