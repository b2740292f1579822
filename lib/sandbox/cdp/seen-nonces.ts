import "server-only";
import { processSingleton } from "@/lib/process/singleton";

/** A CDP JWT lives at most 120 s (nbf + 120, and nbf is never in the future): past that it is refused as expired anyway. */
export const NONCE_MEMORY_MS = 120_000;

/** Nonce → when it was first seen (ms). A Map keeps insertion order: oldest first. */
const seen = processSingleton("sandbox.cdp-jwt-nonces", () => new Map<string, number>());

/**
 * True the first time a JWT nonce is presented, false on every replay for as long as the
 * JWT could still be valid: Coinbase accepts a CDP JWT once.
 */
export function firstUseOfNonce(nonce: string, now = Date.now()): boolean {
  for (const [old, at] of seen) {
    if (now - at < NONCE_MEMORY_MS) break;
    seen.delete(old);
  }
  if (seen.has(nonce)) return false;
  seen.set(nonce, now);
  return true;
}
