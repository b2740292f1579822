import "server-only";
import { request } from "undici";
import { log } from "@/lib/log/logger";
import { SIGNED_HEADERS } from "@/lib/webhooks/event-types";
import { signWebhook } from "@/lib/webhooks/signature";
import type { Subscription } from "./subscriptions";

/**
 * One event to one subscription, as Coinbase delivers it: a signed POST, sent again with
 * exponential backoff after a non-2xx answer, a network error or no answer in 5 s. Short
 * waits (0.2 s doubling, six attempts, about 6 s in all): the receiver is on this machine.
 */
export interface WebhookEvent {
  id: string;
  type: string;
  /** The raw body: the same bytes on every attempt and duplicate. */
  body: string;
}

export const DELIVERY = { attempts: 6, firstWaitMs: 200, timeoutMs: 5000 };

export async function deliver(subscription: Subscription, event: WebhookEvent): Promise<boolean> {
  for (let attempt = 1; attempt <= DELIVERY.attempts; attempt++) {
    const outcome = await attemptOnce(subscription, event);
    if (outcome === 200) return true;
    if (attempt === DELIVERY.attempts) {
      log("warn", "sandbox_webhook_undelivered", {
        subscriptionId: subscription.subscriptionId,
        eventId: event.id,
        eventType: event.type,
        lastOutcome: outcome,
      });
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, DELIVERY.firstWaitMs * 2 ** (attempt - 1)));
  }
  return false;
}

/** 200 for any 2xx, else the status or the network error's code. */
async function attemptOnce(subscription: Subscription, event: WebhookEvent) {
  const headers: Record<string, string> = {
    ...ownHeaders(subscription),
    "content-type": "application/json",
    "x-event-id": event.id,
    "x-event-type": event.type,
  };
  // Signed afresh on each attempt, so `t` stays within the receiver's five minutes.
  headers["x-hook0-signature"] = signWebhook({
    secret: subscription.secret,
    rawBody: event.body,
    headers,
    names: [...SIGNED_HEADERS],
  });
  try {
    const response = await request(subscription.target.url, {
      method: "POST",
      headers,
      body: event.body,
      signal: AbortSignal.timeout(DELIVERY.timeoutMs),
    });
    await response.body.dump();
    const ok = response.statusCode >= 200 && response.statusCode < 300;
    return ok ? 200 : response.statusCode;
  } catch (error) {
    return String((error as { code?: unknown; name?: unknown }).code ?? (error as Error).name);
  }
}

const RESERVED = new Set([...SIGNED_HEADERS, "x-hook0-signature", "content-length", "host"]);

/** The subscription's extra headers (an Authorization, say), never in place of ours. */
function ownHeaders(subscription: Subscription): Record<string, string> {
  const extra = Object.entries(subscription.target.headers ?? {});
  return Object.fromEntries(extra.filter(([name]) => !RESERVED.has(name.toLowerCase())));
}
