import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { getConfig } from "@/lib/config/env";

/**
 * Partner servers call the HTTP API with `Authorization: Bearer <key>`, a key from
 * `API_KEYS`. The config keeps only SHA-256 digests of the keys; a presented key is
 * digested and compared with each in constant time (every digest is compared, match or
 * not, so the time says nothing about which key or how much of it was right).
 */
export function bearerKey(headers: Headers): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  return match ? match[1]! : null;
}

export function isValidApiKey(key: string, hashes = getConfig().apiKeyHashes): boolean {
  const digest = createHash("sha256").update(key).digest();
  let valid = false;
  for (const hash of hashes) valid = timingSafeEqual(digest, hash) || valid;
  return valid;
}

/** A key's name in counters and logs: the start of its digest, never the key itself. */
export function apiKeyId(key: string): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}
