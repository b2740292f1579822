import "server-only";
import { desc } from "drizzle-orm";
import { getConfig } from "@/lib/config/env";
import { getDatabase } from "@/lib/db/client";
import { sandboxMail } from "@/lib/db/schema";

/**
 * Without SMTP_URL (sandbox mode only: live mode requires it) mail goes to this inbox,
 * shown at /sandbox/inbox; with SMTP_URL that page does not exist.
 */
export function sandboxInboxEnabled(): boolean {
  return getConfig().mail.mode === "inbox";
}

export type InboxMessage = typeof sandboxMail.$inferSelect;

/** The latest messages the sandbox "sent", newest first. */
export async function listSandboxInbox(limit = 50): Promise<InboxMessage[]> {
  return getDatabase().db.select().from(sandboxMail).orderBy(desc(sandboxMail.id)).limit(limit);
}
