import "server-only";
import { randomUUID } from "node:crypto";
import { getConfig } from "@/lib/config/env";
import { log } from "@/lib/log/logger";
import { processSingleton } from "@/lib/process/singleton";
import { deliver, type WebhookEvent } from "./deliver";
import { subscribersOf } from "./subscriptions";

/**
 * Sends each event of a sandbox transaction to every subscription that wants it, in the
 * background: the request that caused the change never waits. One transaction's events go
 * out to each subscription one after the other, in order, except that, to exercise the receiver:
 * - SANDBOX_WEBHOOK_DUPLICATE_SHARE of events are delivered a second time (same x-event-id);
 * - SANDBOX_WEBHOOK_REORDER_SHARE of non-final events are held back and delivered just after
 *   the transaction's next event (or after SANDBOX_WEBHOOK_HOLD_SECONDS, when none comes);
 * - SANDBOX_WEBHOOK_LOSS_SHARE of events are never delivered (at 1, a deployment without
 *   webhooks: the ledger then learns outcomes from Coinbase's status API alone).
 */
interface Held {
  event: WebhookEvent;
  timer: NodeJS.Timeout;
}

const state = () =>
  processSingleton("sandbox.webhook-sender", () => ({
    queues: new Map<string, Promise<void>>(),
    held: new Map<string, Held>(),
  }));

/** Queues one event about `transactionId`; `final` events (success, failed) are never held. */
export function publishEvent(
  transactionId: string,
  type: string,
  payload: object,
  final: boolean,
): void {
  const event: WebhookEvent = { id: randomUUID(), type, body: JSON.stringify(payload) };
  const { held } = state();
  const { reorderShare, lossShare, holdSeconds } = getConfig().ramp.sandboxWebhooks;
  if (Math.random() < lossShare) return;
  const earlier = held.get(transactionId);
  if (earlier) {
    clearTimeout(earlier.timer);
    held.delete(transactionId);
    enqueue(transactionId, event);
    enqueue(transactionId, earlier.event);
    return;
  }
  if (!final && Math.random() < reorderShare) {
    const timer = setTimeout(() => {
      held.delete(transactionId);
      enqueue(transactionId, event);
    }, holdSeconds * 1000);
    timer.unref();
    held.set(transactionId, { event, timer });
    return;
  }
  enqueue(transactionId, event);
}

/**
 * Each subscription has its own line per transaction, as at Coinbase (Hook0 delivers to each
 * subscription on its own): one that does not answer (a closed tunnel, a mistyped URL) holds
 * up its own deliveries while it is retried, never another's, nor the app's own receiver's.
 */
function enqueue(transactionId: string, event: WebhookEvent): void {
  const { queues } = state();
  const twice = Math.random() < getConfig().ramp.sandboxWebhooks.duplicateShare;
  for (const { subscriptionId } of subscribersOf(event.type)) {
    const line = `${subscriptionId}:${transactionId}`;
    const previous = queues.get(line) ?? Promise.resolve();
    const next = previous.then(() => sendTo(subscriptionId, event, twice));
    queues.set(line, next);
    void next.then(() => {
      if (queues.get(line) === next) queues.delete(line);
    });
  }
}

async function sendTo(subscriptionId: string, event: WebhookEvent, twice: boolean) {
  try {
    const delivered = await deliver(subscriptionId, event);
    if (delivered && twice) await deliver(subscriptionId, event);
  } catch (error) {
    log("error", "sandbox_webhook_error", { eventId: event.id, error: String(error) });
  }
}
