/** The webhook event types of the ramps (SPEC §7): what this app subscribes to. */
export const RAMP_EVENT_TYPES = [
  "onramp.transaction.created",
  "onramp.transaction.updated",
  "onramp.transaction.success",
  "onramp.transaction.failed",
  "offramp.transaction.created",
  "offramp.transaction.updated",
  "offramp.transaction.success",
  "offramp.transaction.failed",
] as const;

export type RampEventType = (typeof RAMP_EVENT_TYPES)[number];

/** The headers every delivery signs, in this order (`h=` of X-Hook0-Signature). */
export const SIGNED_HEADERS = ["content-type", "x-event-id", "x-event-type"] as const;

/** Where this app receives webhooks: the URL to subscribe. */
export const WEBHOOK_RECEIVER_PATH = "/api/webhooks/coinbase";
