import "server-only";
import { and, eq, sql } from "drizzle-orm";
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
 * A database stamped sandbox that holds nothing yet goes live when a live server starts on it:
 * a host started before its keys were entered has no data to keep apart. Never the other way:
 * a sandbox server must not take a live database, empty or not. (A sandbox server already
 * running on it sends no sign-in code from then on: lib/mail/sandbox-inbox.ts.)
 */
export async function claimDatabaseMode(db: Database, mode: Mode): Promise<Mode> {
  await db.insert(databaseMode).values({ mode }).onConflictDoNothing();
  const stamped = await stampedMode(db);
  if (stamped === mode || !(stamped === "sandbox" && mode === "live")) return stamped ?? mode;
  // One statement: checked and changed at once, whatever another instance writes meanwhile.
  const taken = await db
    .update(databaseMode)
    .set({ mode: "live" })
    .where(and(eq(databaseMode.mode, "sandbox"), sql`not (${holdsData})`))
    .returning({ mode: databaseMode.mode });
  return taken.length ? "live" : stamped;
}

/** The mode the database is stamped with; undefined before any server started on it. */
export async function stampedMode(db: Database): Promise<Mode | undefined> {
  const [stamped] = await db.select({ mode: databaseMode.mode }).from(databaseMode);
  return stamped?.mode;
}

// Whether anyone signed in, started a ramp, began guest checkout or was mailed a sandbox code.
const holdsData = sql`exists (select 1 from "user")
  or exists (select 1 from "ramp_transaction")
  or exists (select 1 from "guest_profile")
  or exists (select 1 from "sandbox_mail")`;
