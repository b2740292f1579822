import "server-only";
import { inArray, lt } from "drizzle-orm";
import { getDatabase } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/db/database-errors";
import { connectSend } from "@/lib/db/schema";
import { log } from "@/lib/log/logger";

/**
 * Coinbase's send limit bounds what this app sends from the user's accounts (seed 004), not
 * what the user sends in Coinbase's own app from the same accounts, which Coinbase lists beside
 * them. The app knows its own sends by the `idem` it gave each, kept here before the send goes
 * out (one whose answer is lost still counts) and looked up when what is left is added up.
 */
export async function recordAppSend(idem: string, now = new Date()): Promise<void> {
  const { db } = getDatabase();
  await db.insert(connectSend).values({ idem }).onConflictDoNothing();
  // No limit period is longer than a year: older sends never count again.
  await db.delete(connectSend).where(lt(connectSend.createdAt, new Date(now.getTime() - YEAR_MS)));
}

const YEAR_MS = 366 * 24 * 60 * 60 * 1000;

/**
 * Which of `idems` this app sent with. Null when the database does not answer: the caller then
 * counts every send, as if all were the app's (never more sent than the limit allows).
 */
export async function appSendsAmong(idems: string[]): Promise<Set<string> | null> {
  if (idems.length === 0) return new Set();
  try {
    const rows = await getDatabase()
      .db.select({ idem: connectSend.idem })
      .from(connectSend)
      .where(inArray(connectSend.idem, idems));
    return new Set(rows.map((r) => r.idem));
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    log("warn", "database_unavailable", { reading: "connect_send" });
    return null;
  }
}
