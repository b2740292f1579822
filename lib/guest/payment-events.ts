/**
 * The messages Coinbase's payment-link iframe posts to its parent (Headless Onramp docs): `data` is
 * a JSON string `{eventName, data?: {errorCode, errorMessage}}`. A message counts only when it
 * comes from the payment link's exact origin and from that iframe's own window; anything else,
 * unparsable data or an unknown event name, is ignored. They are hints: the order API says what
 * happened. Browser-safe, and pure so it can be tested without a browser.
 */
export const PAYMENT_EVENT_NAMES = [
  "onramp_api.load_pending",
  "onramp_api.load_success",
  "onramp_api.load_error",
  "onramp_api.commit_success",
  "onramp_api.commit_error",
  "onramp_api.cancel",
  "onramp_api.polling_start",
  "onramp_api.polling_success",
  "onramp_api.polling_error",
] as const;
export type PaymentEventName = (typeof PAYMENT_EVENT_NAMES)[number];

export interface PaymentEvent {
  name: PaymentEventName;
  errorCode?: string;
  errorMessage?: string;
}

export interface IncomingMessage {
  origin: string;
  source: unknown;
  data: unknown;
}

const MAX_DATA_CHARS = 4096;

export function readPaymentMessage(
  message: IncomingMessage,
  expected: { origin: string; source: unknown },
): PaymentEvent | null {
  if (message.origin !== expected.origin) return null;
  if (!expected.source || message.source !== expected.source) return null;
  if (typeof message.data !== "string" || message.data.length > MAX_DATA_CHARS) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.data);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const { eventName, data } = parsed as { eventName?: unknown; data?: unknown };
  if (!(PAYMENT_EVENT_NAMES as readonly unknown[]).includes(eventName)) return null;
  const detail = typeof data === "object" && data !== null ? (data as Record<string, unknown>) : {};
  return {
    name: eventName as PaymentEventName,
    ...text("errorCode", detail.errorCode),
    ...text("errorMessage", detail.errorMessage),
  };
}

function text(key: "errorCode" | "errorMessage", value: unknown) {
  return typeof value === "string" && value.trim() ? { [key]: value.trim().slice(0, 300) } : {};
}

export type PaymentState =
  | { kind: "loading" }
  | { kind: "ready" }
  | { kind: "paying" }
  | { kind: "processing" }
  /** Paid, but the button lost track of the order: only the order API can say how it ended. */
  | { kind: "unconfirmed" }
  /**
   * `paymentRefused`: the payment itself did not go through (`commit_error`: a card declined,
   * say), so nothing was taken and the user may pay another way.
   */
  | { kind: "failed"; message: string; paymentRefused?: true }
  /**
   * The button did not load (`load_error`): nothing could be paid with it; it may load again.
   * `message`: Coinbase's reason, when it gave one (an order that can no longer be paid, say).
   */
  | { kind: "load_failed"; message?: string }
  | { kind: "cancelled" };

/**
 * The state an event puts the payment in; `polling_success` and `polling_error` ask the order
 * API (the truth). A `polling_error` comes after the payment was made: the order may still
 * complete, so it is never a failure the user could pay again after.
 */
export function nextPaymentState(event: PaymentEvent): PaymentState {
  const failed = (fallback: string): Extract<PaymentState, { kind: "failed" }> => ({
    kind: "failed",
    message: event.errorMessage ?? fallback,
  });
  switch (event.name) {
    case "onramp_api.load_pending":
      return { kind: "loading" };
    case "onramp_api.load_success":
      return { kind: "ready" };
    case "onramp_api.load_error":
      return {
        kind: "load_failed",
        ...(event.errorMessage ? { message: event.errorMessage } : {}),
      };
    case "onramp_api.commit_success":
      return { kind: "paying" };
    case "onramp_api.commit_error":
      return { ...failed("The payment did not go through"), paymentRefused: true };
    case "onramp_api.cancel":
      return { kind: "cancelled" };
    case "onramp_api.polling_start":
    case "onramp_api.polling_success":
      return { kind: "processing" };
    case "onramp_api.polling_error":
      return { kind: "unconfirmed" };
  }
}
