import "server-only";
import { desc } from "drizzle-orm";
import { getConfig } from "@/lib/config/env";
import { getDatabase } from "@/lib/db/client";
import { sandboxMail } from "@/lib/db/schema";
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

/** Keeps a message in the inbox instead of sending it. */
export async function deliverToSandboxInbox(mail: Mail): Promise<void> {
  await getDatabase()
    .db.insert(sandboxMail)
    .values({ to: mail.to, subject: mail.subject, body: mail.text });
}

export type InboxMessage = typeof sandboxMail.$inferSelect;

/** The latest messages the sandbox "sent", newest first. */
export async function listSandboxInbox(limit = 50): Promise<InboxMessage[]> {
  return getDatabase().db.select().from(sandboxMail).orderBy(desc(sandboxMail.id)).limit(limit);
}
