import { RAMP_EVENT_TYPES } from "./event-schemas";

export type RampEventType = (typeof RAMP_EVENT_TYPES)[number];

/** The headers every delivery signs, in this order (`h=` of X-Hook0-Signature). */
export const SIGNED_HEADERS = ["content-type", "x-event-id", "x-event-type"] as const;

/** Where this app receives webhooks: the URL to subscribe. */
export const WEBHOOK_RECEIVER_PATH = "/api/webhooks/coinbase";
