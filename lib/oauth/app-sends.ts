import "server-only";
import { and, eq, inArray, lt, ne, or } from "drizzle-orm";
import { getDatabase } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/db/database-errors";
import { connectSend } from "@/lib/db/schema";
import { AppError } from "@/lib/http/app-error";
import { log } from "@/lib/log/logger";

/**
 * Coinbase's send limit bounds what this app sends from the user's accounts (seed 004), not
 * what the user sends in Coinbase's own app from the same accounts, which Coinbase lists beside
 * them. The app knows its own sends by the `idem` it gave each, kept here before the send goes
 * out (one whose answer is lost still counts), and by the id Coinbase answered with.
 */
export async function recordAppSend(idem: string, now = new Date()): Promise<void> {
  const { db } = getDatabase();
  try {
    await db.insert(connectSend).values({ idem }).onConflictDoNothing();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    log("warn", "database_unavailable", { writing: "connect_send" });
    // Said as a refusal: the send form must not read it as a send that may have gone out.
    throw new AppError(
      "database_unavailable",
      "Nothing was sent: this app keeps a record of each send before it goes, and its database is not answering. Try again in a moment.",
    );
  }
  // No limit period is longer than a year: older sends never count again.
  await db
    .delete(connectSend)
    .where(
      and(
        lt(connectSend.createdAt, new Date(now.getTime() - YEAR_MS)),
        ne(connectSend.idem, SINCE),
      ),
    );
}

/** The transaction Coinbase made for `idem`: found by it too, should a listing omit the idem. */
export async function rememberSendId(idem: string, transactionId: string): Promise<void> {
  await getDatabase()
    .db.update(connectSend)
    .set({ transactionId })
    .where(eq(connectSend.idem, idem));
}

const YEAR_MS = 366 * 24 * 60 * 60 * 1000;
// The row migration 0011 wrote when the table was made: since when sends are kept here.
const SINCE = "(kept since)";

interface ListedSend {
  id: string;
  idem?: string;
  createdAt: string;
}

/**
 * Those of `listed` this app made: kept here by idem or id, or from before it kept them, listed
 * with an idem (it always sent with one; Coinbase's app sends none). All of them when the
 * database does not answer: never more sent than the limit allows.
 */
export async function appSendsAmong<T extends ListedSend>(listed: T[]): Promise<T[]> {
  if (listed.length === 0) return listed;
  const idems = listed.flatMap((t) => (t.idem ? [t.idem] : []));
  let rows: { idem: string; transactionId: string | null; createdAt: Date }[];
  try {
    rows = await getDatabase()
      .db.select()
      .from(connectSend)
      .where(
        or(
          inArray(connectSend.idem, [SINCE, ...idems]),
          inArray(
            connectSend.transactionId,
            listed.map((t) => t.id),
          ),
        ),
      );
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    log("warn", "database_unavailable", { reading: "connect_send" });
    return listed;
  }
  const keptIdems = new Set(rows.map((r) => r.idem));
  const keptIds = new Set(rows.flatMap((r) => r.transactionId ?? []));
  const since = rows.find((r) => r.idem === SINCE)?.createdAt.getTime() ?? 0;
  return listed.filter(
    (t) =>
      keptIds.has(t.id) ||
      (t.idem !== undefined && (keptIdems.has(t.idem) || Date.parse(t.createdAt) < since)),
  );
}
