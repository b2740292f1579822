import "server-only";
import { request } from "undici";
import { log } from "@/lib/log/logger";
import { SIGNED_HEADERS } from "@/lib/webhooks/event-types";
import { signWebhook } from "@/lib/webhooks/signature";
import { startDelivery, type DeliveryResponse } from "./deliveries";
import { getSubscription, type Subscription } from "./subscriptions";

/**
 * One event to one subscription, as Coinbase delivers it: a signed POST, sent again with
 * exponential backoff after a non-2xx answer, a network error or no answer in 5 s. Short
 * waits (0.2 s doubling, six attempts, about 6 s in all): the receiver is on this machine.
 * Each attempt reads the subscription afresh: one deleted or disabled meanwhile gets no more
 * attempts (the OpenAPI: deleting stops all deliveries), one updated gets them at its new URL.
 */
export interface WebhookEvent {
  id: string;
  type: string;
  /** The raw body: the same bytes on every attempt and duplicate. */
  body: string;
}

export const DELIVERY = { attempts: 6, firstWaitMs: 200, timeoutMs: 5000 };
/** How much of a receiver's answer the events list shows. */
const KEPT_BODY_CHARS = 500;

export async function deliver(subscriptionId: string, event: WebhookEvent): Promise<boolean> {
  let subscription = deliverable(subscriptionId);
  if (!subscription) return false;
  const record = startDelivery(subscriptionId, event);
  for (let attempt = 1; attempt <= DELIVERY.attempts; attempt++) {
    const response = await attemptOnce(subscription, event);
    record.response = response;
    if (response.httpCode !== undefined && response.httpCode >= 200 && response.httpCode < 300) {
      record.status = "succeeded";
      record.succeededAt = new Date().toISOString();
      return true;
    }
    if (attempt === DELIVERY.attempts) break;
    record.status = "retrying";
    await new Promise((resolve) => setTimeout(resolve, DELIVERY.firstWaitMs * 2 ** (attempt - 1)));
    subscription = deliverable(subscriptionId);
    if (!subscription) break;
    record.retryCount = attempt;
  }
  record.status = "failed";
  log("warn", "sandbox_webhook_undelivered", {
    subscriptionId,
    eventId: event.id,
    eventType: event.type,
    lastOutcome: record.response?.httpCode ?? record.response?.errorName,
  });
  return false;
}

const deliverable = (id: string) => {
  const subscription = getSubscription(id);
  return subscription?.isEnabled ? subscription : undefined;
};

async function attemptOnce(
  subscription: Subscription,
  event: WebhookEvent,
): Promise<DeliveryResponse> {
  const headers: Record<string, string> = {
    ...ownHeaders(subscription),
    "content-type": "application/json",
    "x-event-id": event.id,
    "x-event-type": event.type,
  };
  // Signed afresh on each attempt, so `t` stays within the receiver's five minutes. Every header
  // sent is signed, the subscription's own too, named in order (Hook0 does so): a receiver must
  // read the names from `h=`, not expect a fixed list.
  headers["x-hook0-signature"] = signWebhook({
    secret: subscription.secret,
    rawBody: event.body,
    headers,
    names: Object.keys(headers).sort(),
  });
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await request(subscription.target.url, {
      method: "POST",
      headers,
      body: event.body,
      signal: AbortSignal.timeout(DELIVERY.timeoutMs),
    });
    const body = (await response.body.text()).slice(0, KEPT_BODY_CHARS);
    return { httpCode: response.statusCode, elapsedTimeMs: elapsed(), body };
  } catch (error) {
    return { elapsedTimeMs: elapsed(), errorName: errorName(error) };
  }
}

/** In the OpenAPI's words where it has some (timeout, connection_refused), else the code. */
function errorName(error: unknown): string {
  const { code, name } = error as { code?: unknown; name?: unknown };
  if (name === "TimeoutError") return "timeout";
  if (code === "ECONNREFUSED") return "connection_refused";
  return String(code ?? name).toLowerCase();
}

const RESERVED = new Set([...SIGNED_HEADERS, "x-hook0-signature", "content-length", "host"]);

/** The subscription's extra headers (an Authorization, say), never in place of ours. */
function ownHeaders(subscription: Subscription): Record<string, string> {
  const extra = Object.entries(subscription.target.headers ?? {});
  return Object.fromEntries(
    extra
      // As a receiver reads them (HTTP drops the spaces round a value): what is signed is that.
      .map(([name, value]) => [name.toLowerCase(), value.trim()] as const)
      .filter(([name]) => !RESERVED.has(name)),
  );
}
