import "server-only";
import { createHash } from "node:crypto";

/**
 * CDP's v2 APIs take an `X-Idempotency-Key` only in the form of a UUID v4 and refuse any
 * other (docs.cdp.coinbase.com/api-reference/v2/idempotency). `randomUUID()` makes one per
 * request. Where a repeat must reuse the key (the same code entered again after its answer was
 * lost), it is derived from what identifies the request: SHA-256 of `parts`, its first 16 bytes
 * laid out as a UUID v4 (version and variant bits set). Nothing of `parts` can be read from it.
 */
export function idempotencyKeyFor(...parts: string[]): string {
  const bytes = createHash("sha256").update(parts.join("\n")).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant 10xx (RFC 9562)
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A UUID v4 as CDP accepts it, in any letter case. */
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
