import "server-only";
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { webhookEvent, type WebhookOutcome } from "@/lib/db/schema";

/**
 * An event's id: Coinbase's `x-event-id`, the same on every retry of one event, when the
 * signature covers it (else anyone replaying a signed delivery could relabel it); without a
 * usable one, the SHA-256 of the raw body, so a byte-identical repeat is still recognised.
 */
export function eventIdOf(headers: Headers, signedHeaders: string[], rawBody: Uint8Array): string {
  const given = signedHeaders.includes("x-event-id") ? headers.get("x-event-id") : null;
  if (given && /^[\w.:-]{1,128}$/.test(given)) return given;
  return `sha256:${createHash("sha256").update(rawBody).digest("hex")}`;
}

/** Stores the event unless its id is already there; true when it is new. */
export async function storeEvent(
  db: Database,
  event: { id: string; type: string; payload: unknown },
): Promise<boolean> {
  const stored = await db
    .insert(webhookEvent)
    .values(event)
    .onConflictDoNothing({ target: webhookEvent.id })
    .returning({ id: webhookEvent.id });
  return stored.length > 0;
}

export async function recordOutcome(db: Database, id: string, outcome: WebhookOutcome) {
  await db.update(webhookEvent).set({ outcome }).where(eq(webhookEvent.id, id));
}
