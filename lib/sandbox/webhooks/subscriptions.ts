import "server-only";
import { randomUUID } from "node:crypto";
import { getConfig } from "@/lib/config/env";
import { processSingleton } from "@/lib/process/singleton";
import { RAMP_EVENT_TYPES } from "@/lib/webhooks/event-schemas";
import { WEBHOOK_RECEIVER_PATH } from "@/lib/webhooks/event-types";
import { forgetDeliveries } from "./deliveries";

/**
 * The sandbox's webhook subscriptions, in process memory, as Coinbase keeps a project's.
 * The store is born holding the app's own subscription to its receiver, signed with the
 * secret the app verifies with (`CDP_WEBHOOK_SECRET`, generated at start when unset): the
 * app "subscribed at start" without live code ever importing the sandbox.
 */
export interface WebhookTarget {
  url: string;
  headers?: Record<string, string>;
}

export interface Subscription {
  subscriptionId: string;
  description?: string;
  eventTypes: string[];
  isEnabled: boolean;
  target: WebhookTarget;
  metadata?: Record<string, string>;
  labels?: Record<string, string>;
  createdAt: string;
  updatedAt?: string;
  secret: string;
}

export type NewSubscription = Omit<
  Subscription,
  "subscriptionId" | "createdAt" | "updatedAt" | "secret"
>;

const MAX_KEPT = 1000;

const store = () =>
  processSingleton("sandbox.webhook-subscriptions", () => {
    const subscriptions = new Map<string, Subscription>();
    const [secret] = getConfig().webhooks.secrets;
    if (secret) {
      const own: Subscription = {
        subscriptionId: randomUUID(),
        description: "This app's receiver, subscribed by the sandbox at start",
        eventTypes: [...RAMP_EVENT_TYPES],
        isEnabled: true,
        target: { url: `${getConfig().appUrl}${WEBHOOK_RECEIVER_PATH}` },
        createdAt: new Date().toISOString(),
        secret,
      };
      subscriptions.set(own.subscriptionId, own);
    }
    return subscriptions;
  });

/** A new subscription; its secret, like Coinbase's, is a UUID shown only in this answer. */
export function createSubscription(input: NewSubscription, now = new Date()): Subscription | null {
  if (store().size >= MAX_KEPT) return null;
  const subscription: Subscription = {
    ...input,
    subscriptionId: randomUUID(),
    createdAt: now.toISOString(),
    secret: randomUUID(),
  };
  store().set(subscription.subscriptionId, subscription);
  return subscription;
}

/** Newest first, as Coinbase lists them. */
export function listSubscriptions(): Subscription[] {
  return [...store().values()].reverse();
}

export function getSubscription(id: string): Subscription | undefined {
  return store().get(id);
}

/**
 * A PUT: `settings` replace the subscription's whole configuration (an optional field left
 * out is gone); its id, creation time and secret stay. Undefined when there is no such id.
 */
export function updateSubscription(
  id: string,
  settings: NewSubscription,
  now = new Date(),
): Subscription | undefined {
  const found = store().get(id);
  if (!found) return undefined;
  const { subscriptionId, createdAt, secret } = found;
  const updated = { ...settings, subscriptionId, createdAt, secret, updatedAt: now.toISOString() };
  store().set(id, updated);
  return updated;
}

export function deleteSubscription(id: string): boolean {
  forgetDeliveries(id);
  return store().delete(id);
}

/** The enabled subscriptions that want `eventType`, at the moment of sending. */
export function subscribersOf(eventType: string): Subscription[] {
  return [...store().values()].filter((s) => s.isEnabled && s.eventTypes.includes(eventType));
}
