import "server-only";
import { and, eq } from "drizzle-orm";
import { getDatabase, type Database } from "@/lib/db/client";
import { guestProfile, type GuestProfileRow } from "@/lib/db/schema";

/** A user's guest-checkout record (lib/db/schema.ts `guest_profile`); one row per user. */
export async function readProfile(userId: string): Promise<GuestProfileRow | undefined> {
  const { db } = getDatabase();
  const [row] = await db.select().from(guestProfile).where(eq(guestProfile.userId, userId));
  return row;
}

type Changes = Partial<Omit<GuestProfileRow, "userId" | "updatedAt">>;

/** Writes `changes` to the user's row, making it on first use (in `db`, a transaction's or the app's). */
export async function updateProfile(
  userId: string,
  changes: Changes,
  db: Database = getDatabase().db,
): Promise<void> {
  const values = { ...changes, updatedAt: new Date() };
  await db
    .insert(guestProfile)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: guestProfile.userId, set: values });
}

/**
 * Drops the user's pending code for `channel` if it is still `verificationId`: a code sent
 * meanwhile (another tab's "Send a new code") is the one to enter, and stays.
 */
export async function dropPendingCode(
  userId: string,
  channel: "sms" | "email",
  verificationId: string,
  db: Database = getDatabase().db,
): Promise<void> {
  const [column, changes] =
    channel === "sms"
      ? [
          guestProfile.pendingPhoneVerificationId,
          {
            pendingPhoneNumber: null,
            pendingPhoneVerificationId: null,
            pendingPhoneCodeExpiresAt: null,
          },
        ]
      : [
          guestProfile.pendingEmailVerificationId,
          { pendingEmailVerificationId: null, pendingEmailCodeExpiresAt: null },
        ];
  await db
    .update(guestProfile)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(guestProfile.userId, userId), eq(column, verificationId)));
}
