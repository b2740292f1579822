import "server-only";
import { getSignedInUser } from "@/lib/auth/current-user";
import { isDatabaseUnavailable } from "@/lib/db/database-errors";
import { log } from "@/lib/log/logger";
import type { RampTransaction } from "@/lib/ramp/transactions";
import { listLedger } from "./list-ledger";
import { toRampTransaction } from "./to-ramp-transaction";

export type RampHistory =
  | { kind: "signed_out" }
  | { kind: "database_unavailable" }
  | { kind: "ready"; email: string; transactions: RampTransaction[] };

const SHOWN = 50;

/**
 * The signed-in user's ramps, both sides, newest first, straight from the ledger (no
 * Coinbase call: the completion pages and `/api/transactions` keep it current). A database
 * that does not answer gives a state the page can explain, never a crash.
 */
export async function loadRampHistory(headers: Headers): Promise<RampHistory> {
  try {
    const user = await getSignedInUser(headers);
    if (!user) return { kind: "signed_out" };
    const rows = await listLedger(user.id, { limit: SHOWN });
    return { kind: "ready", email: user.email, transactions: rows.map(toRampTransaction) };
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    log("warn", "database_unavailable", { page: "/account" });
    return { kind: "database_unavailable" };
  }
}
