import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Mode } from "@/lib/config/env";
import type { Database } from "./client";
import { databaseMode } from "./schema";

/**
 * Sandbox and live data never share a database. In sandbox mode anyone signs in as any email
 * and verifies any phone through the sandbox inbox, and the ledger holds the sandbox's made-up
 * transactions: kept into live mode, those users, "verified" guest phones and rows would pass
 * for real ones. The other way, sandbox mode on a live database would let whoever reads that
 * inbox sign in as a real user and read their history. So the server's first start stamps the
 * database with its mode, and answers the mode it holds: the caller refuses to start on a
 * mismatch. (Two instances starting at once in different modes: the first insert wins, the
 * other is told.) A database from before the stamp was stamped by its migration: sandbox if
 * the sandbox inbox holds its sign-in codes (drizzle/0008_database_mode.sql).
 *
 * A database that holds nothing yet goes to whichever mode starts on it: one a host started
 * before its keys were entered (sandbox mode) has no data to keep apart.
 */
export async function claimDatabaseMode(db: Database, mode: Mode): Promise<Mode> {
  await db.insert(databaseMode).values({ mode }).onConflictDoNothing();
  const [stamped] = await db.select({ mode: databaseMode.mode }).from(databaseMode);
  if (!stamped || stamped.mode === mode) return mode;
  if (!(await holdsData(db))) {
    await db.update(databaseMode).set({ mode }).where(eq(databaseMode.id, true));
    return mode;
  }
  return stamped.mode;
}

/** Whether anyone signed in, started a ramp, began guest checkout or was mailed a sandbox code. */
async function holdsData(db: Database): Promise<boolean> {
  const result = await db.execute<{ holds: boolean }>(sql`select
    exists (select 1 from "user")
    or exists (select 1 from "ramp_transaction")
    or exists (select 1 from "guest_profile")
    or exists (select 1 from "sandbox_mail") as holds`);
  const rows = (result as unknown as { rows: Array<{ holds: boolean }> }).rows;
  return rows[0]?.holds === true;
}
