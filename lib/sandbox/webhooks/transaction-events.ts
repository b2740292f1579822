import "server-only";
import type { BuyTransaction, SellTransaction } from "../cdp/transactions";
import { offrampPayload, onrampPayload, type Verb } from "./payloads";
import { publishEvent } from "./sender";

/** What the sandbox's transactions call on every change: the webhook Coinbase would send. */

const isFinal = (verb: Verb) => verb === "success" || verb === "failed";

export function announceBuy(verb: Verb, transaction: BuyTransaction): void {
  const payload = onrampPayload(verb, transaction);
  publishEvent(transaction.transaction_id, payload.eventType, payload, isFinal(verb));
}

/** `expired`: a sale closed because its crypto did not come, which the v1 API calls FAILED. */
export function announceSell(
  verb: Verb,
  transaction: SellTransaction,
  at: number,
  expired?: "expired",
): void {
  const payload = offrampPayload(verb, transaction, new Date(at).toISOString(), Boolean(expired));
  publishEvent(transaction.transaction_id, payload.eventType, payload, isFinal(verb));
}

/** Runs `fn` after `ms` without keeping the process alive for it. */
export function later(ms: number, fn: () => void): void {
  setTimeout(fn, ms).unref();
}
