import "server-only";
import { desc } from "drizzle-orm";
import { getDatabase } from "@/lib/db/client";
import { sandboxMail } from "@/lib/db/schema";

export type InboxMessage = typeof sandboxMail.$inferSelect;

/** The latest messages the sandbox "sent", newest first. */
export async function listSandboxInbox(limit = 50): Promise<InboxMessage[]> {
  return getDatabase().db.select().from(sandboxMail).orderBy(desc(sandboxMail.id)).limit(limit);
}
