import "server-only";
import { getConfig } from "@/lib/config/env";
import { getDatabase } from "@/lib/db/client";
import type { WebhookOutcome } from "@/lib/db/schema";
import { AppError } from "@/lib/http/app-error";
import { readCappedBody } from "@/lib/http/read-capped";
import { log } from "@/lib/log/logger";
import { applyReport, type Applied } from "./apply-event";
import { pruneWebhookEvents } from "./prune-events";
import { verifyWebhookSignature } from "./signature";
import { eventIdOf, recordOutcome, storeEvent } from "./store-event";
import { toReport } from "./to-report";

export const MAX_WEBHOOK_BYTES = 64 * 1024;

export type Receipt =
  { received: true; duplicate: true } | { received: true; outcome: WebhookOutcome };

/**
 * One delivery of a Coinbase webhook (webhook docs). Nothing is parsed, stored or logged of the
 * body before its signature checks out. Then the event is stored by id and applied to the
 * ledger in one database transaction: if applying fails, the event is not kept either, and
 * Coinbase's retry does the work again instead of being taken for a repeat.
 */
export async function receiveWebhook(request: Request): Promise<Receipt> {
  const { secrets } = getConfig().webhooks;
  if (!secrets.length) {
    log("warn", "webhook_not_configured", { variable: "CDP_WEBHOOK_SECRET" });
    throw new AppError(
      "webhooks_not_configured",
      "Webhooks are not set up on this server (CDP_WEBHOOK_SECRET)",
    );
  }
  const rawBody = await readCappedBody(request, MAX_WEBHOOK_BYTES);
  const verdict = verifyWebhookSignature({ headers: request.headers, rawBody, secrets });
  if (!verdict.ok) {
    log("warn", "webhook_rejected", { problem: verdict.problem });
    throw new AppError("invalid_signature", "The webhook signature is missing, stale or wrong");
  }
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(rawBody), storableString);
  } catch {
    payload = undefined;
  }
  // Signed, yet not an event: a fault on one side or the other. Refused and logged, not stored.
  if (typeof payload !== "object" || payload === null) {
    log("warn", "webhook_rejected", { problem: "not_a_json_object" });
    throw new AppError("invalid_request", "The body is not a JSON object");
  }
  const id = eventIdOf(request.headers, verdict.signedHeaders, rawBody);
  const type = eventTypeOf(payload, request.headers);
  const receipt = await getDatabase().db.transaction(async (tx): Promise<Receipt> => {
    if (!(await storeEvent(tx, { id, type, payload }))) {
      log("info", "webhook_received", { eventId: id, type, duplicate: true });
      return { received: true, duplicate: true };
    }
    const reading = toReport(type, payload);
    const applied: Applied =
      "ignored" in reading
        ? { outcome: "ignored", reason: reading.ignored }
        : await applyReport(tx, reading.report);
    await recordOutcome(tx, id, applied.outcome);
    log(applied.outcome === "unmatched" ? "warn" : "info", "webhook_received", {
      eventId: id,
      type,
      // Coinbase's transaction or order id: which ledger row the event was about.
      ...("report" in reading ? { coinbaseId: reading.report.id } : {}),
      ...applied,
    });
    return { received: true, outcome: applied.outcome };
  });
  // Old events deleted, at most hourly: not awaited, so the answer never waits or fails for it.
  void pruneWebhookEvents();
  return receipt;
}

/** The payload's `eventType` (every schema has it), else the `x-event-type` header. */
function eventTypeOf(payload: unknown, headers: Headers): string {
  const inBody = (payload as { eventType?: unknown } | null)?.eventType;
  const type = typeof inBody === "string" ? inBody : headers.get("x-event-type");
  return (type ?? "unknown").slice(0, 100);
}

/**
 * Strings as Postgres can keep them. A partner user reference is the user's to edit in
 * Coinbase's URL, and comes back in every event: a NUL (`\u0000`) or half a surrogate pair
 * there would make the event unstorable (jsonb refuses both), a 500 that Coinbase retries for
 * ever. Read as U+FFFD instead, the event is kept and matches no one.
 */
function storableString(_key: string, value: unknown): unknown {
  return typeof value === "string" ? value.replace(UNSTORABLE, "\uFFFD") : value;
}

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
