import "server-only";
import type { PageUser } from "@/lib/auth/page-user";
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
export async function loadRampHistory(viewer: PageUser): Promise<RampHistory> {
  if (viewer.state === "signed_out") return { kind: "signed_out" };
  if (viewer.state === "unknown") return { kind: "database_unavailable" };
  const { user } = viewer;
  try {
    const rows = await listLedger(user.id, { limit: SHOWN });
    return { kind: "ready", email: user.email, transactions: rows.map(toRampTransaction) };
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    log("warn", "database_unavailable", { page: "/account" });
    return { kind: "database_unavailable" };
  }
}
