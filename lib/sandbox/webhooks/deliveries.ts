import "server-only";
import { processSingleton } from "@/lib/process/singleton";

/**
 * What the sandbox delivered, or tried to, to each subscription: the records behind
 * `GET /v2/data/webhooks/subscriptions/{id}/events`, in the OpenAPI's WebhookEventResponse
 * shape. Each delivery of an event (a repeat included) is one record, updated as its attempts
 * go; a subscription keeps its newest MAX_KEPT, in process memory, and loses them when deleted.
 */
export type DeliveryStatus = "pending" | "processing" | "succeeded" | "failed" | "retrying";

export interface DeliveryResponse {
  httpCode?: number;
  elapsedTimeMs: number;
  body?: string;
  /** e.g. timeout, connection_refused: the attempt got no HTTP answer. */
  errorName?: string;
}

export interface DeliveryRecord {
  eventId: string;
  eventTypeName: string;
  status: DeliveryStatus;
  createdAt: string;
  succeededAt?: string;
  retryCount: number;
  /** The last attempt's. */
  response?: DeliveryResponse;
}

// More than the 50 the API lists, so that its filters can reach past the newest 50.
const MAX_KEPT = 200;

const store = () =>
  processSingleton("sandbox.webhook-deliveries", () => new Map<string, DeliveryRecord[]>());

/** A new record, newest first, that the sender updates in place as it tries. */
export function startDelivery(
  subscriptionId: string,
  event: { id: string; type: string },
  now = new Date(),
): DeliveryRecord {
  const record: DeliveryRecord = {
    eventId: event.id,
    eventTypeName: event.type,
    status: "processing",
    createdAt: now.toISOString(),
    retryCount: 0,
  };
  const kept = store().get(subscriptionId) ?? [];
  kept.unshift(record);
  kept.length = Math.min(kept.length, MAX_KEPT);
  store().set(subscriptionId, kept);
  return record;
}

/** Newest first. */
export function deliveriesOf(subscriptionId: string): readonly DeliveryRecord[] {
  return store().get(subscriptionId) ?? [];
}

export function forgetDeliveries(subscriptionId: string): void {
  store().delete(subscriptionId);
}
