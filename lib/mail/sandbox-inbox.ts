import "server-only";
import { desc, inArray } from "drizzle-orm";
import type { SignedInUser } from "@/lib/auth/current-user";
import { getConfig } from "@/lib/config/env";
import { getDatabase } from "@/lib/db/client";
import { stampedMode } from "@/lib/db/database-mode";
import { AppError } from "@/lib/http/app-error";
import { log } from "@/lib/log/logger";
import { sandboxMail } from "@/lib/db/schema";
import { readProfile } from "@/lib/guest/profile";
import { SANDBOX_USER_EMAIL } from "@/lib/oauth/sandbox-user";
import type { Mail } from "./send-mail";

/**
 * The sandbox inbox, a table shown at /sandbox/inbox. Two kinds of mail land in it: the app's
 * own (sign-in codes) when there is no SMTP_URL, and the simulated Coinbase's codes (guest
 * verifications, Connect's two-step) always: they go to made-up addresses and numbers that no
 * mail server could deliver to, even with SMTP_URL set.
 */
export function sandboxInboxEnabled(): boolean {
  const config = getConfig();
  return signInCodesInInbox() || config.ramp.mode === "sandbox" || config.oauth.mode === "sandbox";
}

/** Without SMTP_URL (sandbox mode only: live mode requires it), sign-in codes land here too. */
export function signInCodesInInbox(): boolean {
  return getConfig().mail.mode === "inbox";
}

/**
 * Keeps a message in the inbox instead of sending it. Not on a database a live server has
 * taken since this sandbox server started (lib/db/database-mode.ts): its inbox would let
 * anyone sign in as that server's real users.
 */
export async function deliverToSandboxInbox(mail: Mail): Promise<void> {
  const { db } = getDatabase();
  if (getConfig().database.mode === "sandbox" && (await stampedMode(db)) === "live") {
    log("error", "sandbox_inbox_on_live_database");
    throw new AppError(
      "email_unavailable",
      "This sandbox server's database is now a live server's: it sends no code. Give it a database of its own.",
    );
  }
  await db.insert(sandboxMail).values({ to: mail.to, subject: mail.subject, body: mail.text });
}

export type InboxMessage = typeof sandboxMail.$inferSelect;

/**
 * The latest messages the sandbox "sent", newest first; only those to `to` when given. While
 * sign-in codes land here, every user is a local one and sees every message (a sign-in code
 * is read here before anyone is signed in). With SMTP_URL set, real people sign in with real
 * addresses, and the simulated Coinbase's codes go to their email and phone: each then sees
 * only their own (inboxAddressesOf).
 */
export async function listSandboxInbox(to?: string[], limit = 50): Promise<InboxMessage[]> {
  const { db } = getDatabase();
  const query = db.select().from(sandboxMail);
  return (to ? query.where(inArray(sandboxMail.to, to)) : query)
    .orderBy(desc(sandboxMail.id))
    .limit(limit);
}

/**
 * Where the simulated Coinbase sends a user's codes: their email, the phone numbers of their
 * guest checkout (verified, or waiting for its code), and the sandbox Connect account's
 * made-up address (the account everyone connects to in the sandbox).
 */
export async function inboxAddressesOf(user: SignedInUser): Promise<string[]> {
  const profile = await readProfile(user.id);
  const phones = [profile?.phoneNumber, profile?.pendingPhoneNumber].filter(
    (phone): phone is string => Boolean(phone),
  );
  return [user.email, ...phones, SANDBOX_USER_EMAIL];
}
